// Benchmark topics: created with unlimited retention, so the broker's 1 GiB-per-partition default
// cannot delete records before their count is checked; deleted afterwards to free the disk.
//   npx tsx bench/ingest/topic.ts create --topic T [--partitions 6] [--replicas 1]
//   npx tsx bench/ingest/topic.ts delete --topic T
// Brokers: KAFKA_BROKERS (default 127.0.0.1:9092).
import { Admin } from '@platformatic/kafka';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    topic: { type: 'string' },
    partitions: { type: 'string', default: '6' },
    replicas: { type: 'string', default: '1' },
  },
});
const [action] = positionals;
if (!values.topic || (action !== 'create' && action !== 'delete')) {
  console.error('usage: topic.ts create|delete --topic T [--partitions 6] [--replicas 1]');
  process.exit(2);
}
const topic = values.topic;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const admin = new Admin({ clientId: 'streamprobe-bench-topic', bootstrapBrokers: brokers });
try {
  if (action === 'create') {
    await admin.createTopics({
      topics: [topic],
      partitions: Number(values.partitions),
      replicas: Number(values.replicas),
      configs: [
        { name: 'retention.bytes', value: '-1' },
        { name: 'retention.ms', value: '-1' },
      ],
    });
  } else {
    await admin.deleteTopics({ topics: [topic] });
  }
} finally {
  await admin.close();
}
