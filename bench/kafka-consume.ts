// Consume throughput of the k6/x/kafka module (Reader.consume({ limit: 1000 }) in a loop through a fake VU).
//   npx tsx bench/kafka-consume.ts [--topic name] [--messages 1000000] [--mode partition,group,workers,workers-group]
//     [--max-bytes n]   (ReaderConfig.maxBytes; default 1 MB per partition)
// Without --topic a fresh 6-partition topic is created and filled with --messages ~250-byte records with keys and
// 5 small headers (@platformatic/kafka producer, acks=1); pass --topic to re-read a filled topic (kept afterwards).
// Modes (one JSON line each):
//   partition      one thread, one partition Reader per partition, each in its own async loop (like one VU each)
//   group          one thread, one group Reader (fresh group) reading every partition
//   workers        2 worker threads, each with partition Readers on half the partitions
//   workers-group  2 worker threads, each one member of a fresh group
// msg/s counts from the first consume() call to the last record (connect and group join included); cpuUsPerMsg is
// this process's CPU time per message, the number to compare when other jobs share the machine.
import { Producer, stringSerializers } from '@platformatic/kafka';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { isTopicExists } from '../infra/kafka/ready.ts';
import createKafkaModule from '../runtime/modules/k6/x/kafka.ts';
import { FakeVU } from '../test/unit/kafka/fake-vu.ts';
import { makeMessage } from './kafka-clients/workload.ts';
import { withAdmin } from './kafka-admin.ts';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const PARTITIONS = 6;
const LIMIT = 1000;

interface Job {
  topic: string;
  mode: 'partition' | 'group';
  partitions: number[];
  groupId: string;
  /** records this job must read (group: its share is unknown, so the total of all members) */
  expected: number;
  /** ReaderConfig.maxBytes (0: the default, 1 MB per partition) */
  maxBytes: number;
}

type Ctor = new (cfg: unknown) => { consume(c: unknown): Promise<unknown[]>; close(): Promise<void> };

interface JobResult {
  read: number;
  /** wall clock (Date.now()) of the first consume() call, and when the last of all expected records was read */
  startMs: number;
  endMs: number;
}

/** Runs one job's readers to completion; `sharedCount` totals records over worker threads. */
async function runJob(job: Job, sharedCount: Int32Array = new Int32Array(new SharedArrayBuffer(4))): Promise<JobResult> {
  const vu = new FakeVU();
  const { Reader } = createKafkaModule(vu) as { Reader: Ctor };
  let read = 0;
  const startMs = Date.now();
  let endMs = 0;
  const loop = async (cfg: Record<string, unknown>, goal: number) => {
    const reader = new Reader({ brokers, maxWait: '5s', ...(job.maxBytes && { maxBytes: job.maxBytes }), ...cfg });
    let readHere = 0;
    // never ask for more than is left: a consume() short of its limit waits maxWait for more
    while (readHere < goal && Atomics.load(sharedCount, 0) < job.expected) {
      const got = await reader.consume({ limit: Math.min(LIMIT, goal - readHere), expectTimeout: true });
      readHere += got.length;
      read += got.length;
      if (Atomics.add(sharedCount, 0, got.length) + got.length >= job.expected && got.length > 0) endMs = Date.now();
      vu.samples.length = 0; // a real run hands samples to the metrics pipeline
    }
    await reader.close();
  };
  if (job.mode === 'partition') {
    const ends = await endOffsets(job.topic);
    await Promise.all(job.partitions.map((partition) => loop({ topic: job.topic, partition }, ends[partition])));
  } else {
    await loop({ groupId: job.groupId, groupTopics: [job.topic] }, job.expected);
  }
  return { read, startMs, endMs };
}

async function endOffsets(topic: string): Promise<number[]> {
  return withAdmin(brokers, async (admin) => {
    const res = await admin.listOffsets({
      topics: [{ name: topic, partitions: Array.from({ length: PARTITIONS }, (_, p) => ({ partitionIndex: p, timestamp: -1n })) }],
    });
    const ends = new Array<number>(PARTITIONS).fill(0);
    for (const p of res[0].partitions) ends[p.partitionIndex] = Number(p.offset);
    return ends;
  });
}

const HEADER_NAMES = ['trace-id', 'source', 'schema', 'region', 'sent-at'];

async function fill(topic: string, messages: number): Promise<number> {
  await withAdmin(brokers, (admin) =>
    admin.createTopics({ topics: [topic], partitions: PARTITIONS, replicas: 1 }).catch((err: unknown) => {
      if (!isTopicExists(err)) throw err;
    }),
  );
  const producer = new Producer({ clientId: 'bench-fill', bootstrapBrokers: brokers, serializers: stringSerializers });
  const batch = 1000;
  let next = 0;
  const start = performance.now();
  const sender = async () => {
    while (next < messages) {
      const first = next;
      next = Math.min(messages, next + batch);
      const batchMessages = [];
      for (let seq = first; seq < next; seq++) {
        const m = makeMessage(seq);
        const headers = new Map(HEADER_NAMES.map((h, i) => [h, i === 0 ? `t-${seq}` : `${h}-value-${i}`]));
        batchMessages.push({ topic, key: m.key, value: m.value, headers });
      }
      await producer.send({ messages: batchMessages, acks: 1 });
    }
  };
  await Promise.all(Array.from({ length: 4 }, sender));
  await producer.close();
  return Math.round(messages / ((performance.now() - start) / 1000));
}

// workers load this file through tsx, as runtime/worker/bootstrap.mjs does
const workerEntry = new URL(
  `data:text/javascript,import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); ` +
    `await import(${JSON.stringify(import.meta.url)});`,
);

function inWorkers(job: Job): Promise<JobResult> {
  const halves = [job.partitions.filter((p) => p % 2 === 0), job.partitions.filter((p) => p % 2 === 1)];
  const shared = new Int32Array(new SharedArrayBuffer(4));
  // only the worker that reads the last expected record sets endMs
  const run = (partitions: number[]) =>
    new Promise<JobResult>((resolve, reject) => {
      const w = new Worker(workerEntry, { workerData: { job: { ...job, partitions }, shared } });
      w.once('message', resolve);
      w.once('error', reject);
    });
  return Promise.all(halves.map(run)).then((rs) => ({
    read: rs.reduce((a, r) => a + r.read, 0),
    startMs: Math.min(...rs.map((r) => r.startMs)),
    endMs: Math.max(...rs.map((r) => r.endMs)),
  }));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      topic: { type: 'string' },
      messages: { type: 'string', default: '1000000' },
      mode: { type: 'string', default: 'partition,group,workers,workers-group' },
      'max-bytes': { type: 'string', default: '0' },
    },
  });
  let topic = values.topic;
  if (!topic) {
    topic = `bench-consume-${Date.now()}`;
    const rate = await fill(topic, Number(values.messages));
    console.log(JSON.stringify({ fill: topic, messages: Number(values.messages), msgPerSec: rate }));
  }
  const total = (await endOffsets(topic)).reduce((a, b) => a + b, 0);
  const all = Array.from({ length: PARTITIONS }, (_, p) => p);
  for (const mode of values.mode.split(',')) {
    const groupId = `bench-consume-group-${Date.now()}`;
    const job: Job = {
      topic,
      mode: mode.endsWith('group') ? 'group' : 'partition',
      partitions: all,
      groupId,
      expected: total,
      maxBytes: Number(values['max-bytes']),
    };
    const cpu = process.cpuUsage();
    const r = mode.startsWith('workers') ? await inWorkers(job) : await runJob(job);
    const { user, system } = process.cpuUsage(cpu);
    const seconds = (r.endMs - r.startMs) / 1000;
    // CPU µs per message (all threads of this process, worker start-up included): comparable on a busy machine
    const cpuUsPerMsg = +((user + system) / r.read).toFixed(2);
    console.log(JSON.stringify({ mode, topic, read: r.read, seconds, msgPerSec: Math.round(r.read / seconds), cpuUsPerMsg }));
  }
}

if (isMainThread) {
  await main();
} else {
  const { job, shared } = workerData as { job: Job; shared: Int32Array };
  parentPort!.postMessage(await runJob(job, shared));
}
