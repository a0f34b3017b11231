// An idle classic VU: the workload's imports and a Writer, then iterations that only sleep (bench/classic/idle-vu.sh).
import { sleep } from 'k6';
import http from 'k6/http';
import { Writer, SchemaRegistry } from 'k6/x/kafka';

export const options = { vus: Number(__ENV.VUS || 20), duration: __ENV.DURATION || '5s' };

const writer = new Writer({ brokers: [__ENV.KAFKA_BROKERS || '127.0.0.1:9092'], topic: 'bench-classic-idle' });
const serde = new SchemaRegistry();

export default function () {
  sleep(1);
}

export function teardown() {
  writer.close();
  return [http, serde];
}
