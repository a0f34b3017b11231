// A known produce/consume sequence whose kafka_* values follow xk6-kafka v2.1's per-call
// derivation (docs/k6-compatibility.md#xk6-kafka). Portable: runs in k6 v1.7.1 + xk6-kafka v2.1.0 as in streamprobe
// (no balancer; `await` on xk6-kafka's synchronous results is a no-op in k6).
// One partition; two produce() calls (3 + 2 messages, acks=all), one consume() of all five.
import { check } from 'k6';
import { Connection, Reader, Writer } from 'k6/x/kafka';

const brokers = (__ENV.KAFKA_BROKERS || '127.0.0.1:9092').split(',');

export const options = {
  scenarios: { once: { executor: 'per-vu-iterations', vus: 1, iterations: 1, maxDuration: '60s' } },
};

// per message: key 2 B, value 7 B, header "src" = "compat"
const message = (i) => ({ key: `k${i}`, value: `value-${i}`, headers: { src: 'compat' } });

export async function setup() {
  const topic = __ENV.KAFKA_TOPIC || `compat-kafka-metrics-${Date.now()}`;
  const admin = new Connection({ address: brokers[0] });
  await admin.createTopic({ topic, numPartitions: 1, replicationFactor: 1 });
  await admin.close();
  return { topic };
}

export default async function (data) {
  const writer = new Writer({ brokers, topic: data.topic, requiredAcks: -1 });
  await writer.produce({ messages: [message(1), message(2), message(3)] });
  await writer.produce({ messages: [message(4), message(5)] });
  await writer.close();

  const reader = new Reader({ brokers, topic: data.topic, maxWait: '5s' });
  const got = await reader.consume({ maxMessages: 5 });
  check(got, {
    'read all five': (m) => m.length === 5,
    'in order': (m) => m.map((x) => x.offset).join(',') === '0,1,2,3,4',
  });
  await reader.close();
}

export async function teardown(data) {
  const admin = new Connection({ address: brokers[0] });
  await admin.deleteTopic(data.topic);
  await admin.close();
}
