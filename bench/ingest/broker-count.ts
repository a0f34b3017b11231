// Messages a topic holds on the broker (Σ end − start offsets over its partitions).
//   npx tsx bench/ingest/broker-count.ts --topic T                          → one JSON object on stdout
//   npx tsx bench/ingest/broker-count.ts --topic T --watch F [--interval-ms 1000]
//     → appends {"t": epoch ms, "messages": n} lines to F until SIGTERM/SIGINT (a timeline for steady-rate.ts)
// Brokers: KAFKA_BROKERS (default 127.0.0.1:9092).
import { Admin } from '@platformatic/kafka';
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { topicCount } from './topic-offsets.ts';

const { values } = parseArgs({
  options: {
    topic: { type: 'string' },
    watch: { type: 'string' },
    'interval-ms': { type: 'string', default: '1000' },
  },
});
if (!values.topic) {
  console.error('broker-count: --topic is required, e.g. --topic events');
  process.exit(2);
}
const topic = values.topic;
const intervalMs = Number(values['interval-ms']);
if (!(intervalMs > 0)) {
  console.error(`broker-count: --interval-ms must be a positive number of milliseconds, got ${values['interval-ms']}`);
  process.exit(2);
}

const admin = new Admin({
  clientId: 'streamprobe-broker-count',
  bootstrapBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
});

async function watch(file: string): Promise<void> {
  let stopping = false;
  const stop = (): void => {
    stopping = true;
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  while (!stopping) {
    const before = Date.now();
    try {
      const { messages } = await topicCount(admin, topic);
      // the midpoint of the request is the best guess of when the offsets were read
      appendFileSync(file, `${JSON.stringify({ t: Math.round((before + Date.now()) / 2), messages })}\n`);
    } catch (err) {
      console.error(`broker-count: reading offsets of ${topic} failed: ${String(err)}`);
    }
    await sleep(Math.max(0, before + intervalMs - Date.now()));
  }
}

try {
  if (values.watch) await watch(values.watch);
  else console.log(JSON.stringify(await topicCount(admin, topic)));
} finally {
  await admin.close();
}
