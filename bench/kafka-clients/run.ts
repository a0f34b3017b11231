// Node.js Kafka client benchmark. One run = one client × one mode, for a fixed duration; prints a JSON result line.
//   npx tsx bench/kafka-clients/run.ts --client platformatic|kafkajs --mode produce|consume
//     [--acks all|1] [--duration 20] [--batch 200] [--inflight 4] [--partitions 6] [--topic name] [--keep-topic] [--messages n]
// Produce: `inflight` loops each send a batch of `batch` messages and await it; latency = one send's round trip.
// Consume: reads `--messages` records of `topic` (filled by a produce run with --keep-topic) from the earliest offset
// with a fresh group, at most `duration`; throughput counts from the first to the last message (group join excluded).
import { parseArgs } from 'node:util';
import { isTopicExists } from '../../infra/kafka/ready.ts';
import { CLIENT_NAMES, createClient, type ClientName } from './clients.ts';
import { latencyHistogram, makeBatch } from './workload.ts';
import { withAdmin } from '../kafka-admin.ts';

const { values } = parseArgs({
  options: {
    client: { type: 'string', default: 'platformatic' },
    mode: { type: 'string', default: 'produce' },
    acks: { type: 'string', default: 'all' },
    duration: { type: 'string', default: '20' },
    batch: { type: 'string', default: '200' },
    inflight: { type: 'string', default: '4' },
    partitions: { type: 'string', default: '6' },
    topic: { type: 'string' },
    messages: { type: 'string' },
    'keep-topic': { type: 'boolean', default: false },
  },
});

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const client = values.client as ClientName;
if (!CLIENT_NAMES.includes(client)) throw new Error(`--client must be one of ${CLIENT_NAMES.join(', ')}`);
const durationMs = Number(values.duration) * 1000;
const ACKS: Record<string, -1 | 1> = { all: -1, '-1': -1, '1': 1 };
const acks = ACKS[values.acks];
if (acks === undefined) throw new Error(`--acks must be all or 1 (got ${values.acks})`);
const batchSize = Number(values.batch);
const inflight = Number(values.inflight);
const topic = values.topic ?? `bench-${client}-${values.mode}-${Date.now()}`;

async function produce(): Promise<Record<string, unknown>> {
  await withAdmin(brokers, (admin) =>
    admin.createTopics({ topics: [topic], partitions: Number(values.partitions), replicas: 1 }).catch((err: unknown) => {
      if (!isTopicExists(err)) throw err;
    }),
  );
  const bench = createClient(client, brokers);
  const latency = latencyHistogram();
  await bench.send(topic, makeBatch(0, 1), acks); // connect + metadata outside the measured window
  let seq = 0;
  const start = performance.now();
  const end = start + durationMs;
  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const batch = makeBatch(seq, batchSize);
      seq += batchSize;
      const t0 = performance.now();
      await bench.send(topic, batch, acks);
      latency.recordValue(Math.round((performance.now() - t0) * 1000));
    }
  };
  await Promise.all(Array.from({ length: inflight }, loop));
  const seconds = (performance.now() - start) / 1000;
  await bench.close();
  if (!values['keep-topic']) await withAdmin(brokers, (admin) => admin.deleteTopics({ topics: [topic] }));
  return {
    msgPerSec: Math.round(seq / seconds),
    mbPerSec: +((seq * 250) / seconds / 1e6).toFixed(1),
    sends: latency.totalCount,
    p50ms: latency.getValueAtPercentile(50) / 1000,
    p99ms: latency.getValueAtPercentile(99) / 1000,
    maxMs: latency.maxValue / 1000,
    messages: seq,
  };
}

async function consume(): Promise<Record<string, unknown>> {
  if (!values.topic || !values.messages) {
    throw new Error('--mode consume needs --topic and --messages: a topic filled by a produce run with --keep-topic, and its count');
  }
  const bench = createClient(client, brokers);
  let first = 0;
  let last = 0;
  const count = await bench.consume(topic, Number(values.messages), Date.now() + durationMs, () => {
    last = performance.now();
    if (first === 0) first = last;
  });
  await bench.close();
  const seconds = (last - first) / 1000;
  return { msgPerSec: Math.round(count / seconds), mbPerSec: +((count * 250) / seconds / 1e6).toFixed(1), messages: count, seconds };
}

const result = values.mode === 'consume' ? await consume() : await produce();
console.log(
  JSON.stringify({
    client,
    mode: values.mode,
    acks: values.mode === 'consume' ? undefined : values.acks,
    batch: batchSize,
    inflight,
    durationS: Number(values.duration),
    ...result,
  }),
);
process.exit(0);
