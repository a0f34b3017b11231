// Writer throughput of k6/x/kafka in one process: 50 concurrent Writers, 100 × 250-byte messages per
// produce(), acks=-1, 6 partitions, H headers per message, 10 s.  Run: H=5 node --import tsx bench/kafka-writer-throughput.ts
import createKafkaModule from '../runtime/modules/k6/x/kafka.ts';
import { FakeVU } from '../test/unit/kafka/fake-vu.ts';
const brokers = ['127.0.0.1:9092'];
const H = Number(process.env.H ?? 0),
  seconds = 10;
const vu = new FakeVU();
const k = createKafkaModule(vu) as any;
const admin = new k.Connection({ address: brokers[0] });
const topic = `sp-bench-${Date.now()}`;
await admin.createTopic({ topic, numPartitions: 6 });
const value = 'x'.repeat(250);
const headers: Record<string, string> = {};
for (let i = 0; i < H; i++) headers[`sp-h${i}`] = String(1700000000000000 + i);
const messages = Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value, ...(H ? { headers } : {}) }));
let sent = 0;
const end = Date.now() + seconds * 1000;
const t0 = Date.now();
await Promise.all(
  Array.from({ length: 50 }, async () => {
    const w = new k.Writer({ brokers, topic, requiredAcks: -1 });
    while (Date.now() < end) {
      await w.produce({ messages });
      sent += 100;
    }
    await w.close();
  }),
);
console.log(JSON.stringify({ H, msgsPerSec: Math.round(sent / ((Date.now() - t0) / 1000)) }));
await admin.deleteTopic(topic);
await vu.closeShared();
