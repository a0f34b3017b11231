// The Kafka workload both modes run: each iteration writes BATCH JSON messages (acks=all) and
// reads BATCH back with a partition reader. Only the calling style differs (classic.js, async.js).
import { check } from 'k6';
import { Writer, Reader, Connection, SchemaRegistry, SCHEMA_TYPE_JSON } from 'k6/x/kafka';

const brokers = [__ENV.KAFKA_BROKERS || '127.0.0.1:9092'];
export const topic = __ENV.TOPIC || 'bench-classic';
export const BATCH = Number(__ENV.BATCH || 200);

export const options = {
  vus: Number(__ENV.VUS || 50),
  duration: __ENV.DURATION || '30s',
  setupTimeout: '60s',
};

export const connection = new Connection({ address: brokers[0] });
export const writer = new Writer({ brokers, topic, requiredAcks: -1 });
export const reader = new Reader({ brokers, topic, maxWait: '10s' });
const serde = new SchemaRegistry();

export function messages() {
  const out = [];
  for (let i = 0; i < BATCH; i++) {
    out.push({ value: serde.serialize({ data: { vu: __VU, iteration: __ITER, i, at: Date.now() }, schemaType: SCHEMA_TYPE_JSON }) });
  }
  return out;
}

export function checkConsumed(consumed) {
  check(consumed, { 'a full batch consumed': (m) => m.length === BATCH });
}
