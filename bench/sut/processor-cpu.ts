/**
 * CPU per event of the reference processor, and a rough window-result latency, at a fixed rate.
 * Starts its own pipeline (topic prefix, free ports, no lake), produces live stamped events from lib/events at
 * `--rate` for `--duration` s, and reads the processor JVMs' CPU time from /proc between the end of a warm-up and the
 * end of the load. Latency: when an aggregate record was read (read_committed consumer, ~ms resolution) minus its
 * max_intended_us. CPU is counted until the processors have taken in every event sent (a lagging processor does its work
 * after the load ends), per valid record they took in, also split by thread kind (/proc/<pid>/task: the stream
 * thread, the producer's I/O thread, GC, the JIT compilers, other): the default 30 s warm-up keeps most of the JIT's
 * work out of the measurement, which it would otherwise dominate at low rates. Process CPU time, not wall-clock
 * throughput, so a busy shared machine inflates it only through contention. Prints one JSON line. Run with the broker up:
 *   KAFKA_BROKERS=127.0.0.1:9092 npx tsx bench/sut/processor-cpu.ts --rate 20000 --duration 60 [--processors 1] [--guarantee at_least_once]
 */
import { Consumer, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { EventGenerator, eventValue } from '../../lib/events.ts';
import { parseSutOptions } from '../../sut/options.ts';
import { startPipeline, stopPipeline } from '../../sut/pipeline.ts';
import { formatCompactStamp } from '../../sut/stamp-compact.ts';
import { deleteTopicsWithPrefix } from '../../sut/topics.ts';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '20000' },
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '30' },
    processors: { type: 'string', default: '1' },
    guarantee: { type: 'string', default: 'exactly_once_v2' },
    window: { type: 'string', default: '5s' },
  },
});
const rate = Number(values.rate);
const durationS = Number(values.duration);
const warmupS = Number(values.warmup);
const TICK_MS = 10;
const CLK_TCK = 100; // Linux USER_HZ

/** valid records that reached the processors' window tasks so far (their /health counters) */
async function processedRecords(ports: number[]): Promise<number> {
  let n = 0;
  for (const port of ports)
    n += ((await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { records_aggregated: number }).records_aggregated;
  return n;
}

function cpuMs(stat: string): number {
  const fields = stat.split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK; // utime, stime
}

/** A processor JVM's CPU ms by kind of thread (Linux thread names are cut to 15 characters). */
function cpuByThread(pid: number, streamThreadName: string): Record<string, number> {
  const kinds: Record<string, number> = { total: cpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8')) };
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const kind = / CompilerThre/.test(name)
      ? 'jit'
      : /^(GC |G1 )/.test(name)
        ? 'gc'
        : name.startsWith('kafka-producer')
          ? 'producerIo'
          : name === streamThreadName
            ? 'streamThread'
            : 'other';
    kinds[kind] = (kinds[kind] ?? 0) + cpuMs(stat);
  }
  return kinds;
}

function sumByThread(pids: number[], streamThreadName: string): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const pid of pids) for (const [k, v] of Object.entries(cpuByThread(pid, streamThreadName))) sum[k] = (sum[k] ?? 0) + v;
  return sum;
}

const prefix = `sp-bench-${process.pid}-`;
const dir = mkdtempSync(join(tmpdir(), 'sp-bench-sut-'));
const opts = parseSutOptions(
  {
    prefix,
    dir,
    'no-lake': true,
    processors: values.processors,
    guarantee: values.guarantee,
    window: values.window,
    'redis-port': '0',
    'ingest-port': '0',
    'lake-port': '0',
    'query-port': '0',
  },
  process.env,
  dir,
);
const state = await startPipeline(opts, (l) => console.error(l));
const pids = state.processors.map((p) => p.pid);
// the stream thread is named after the application id (`<prefix>streamprobe-sut-<uuid>-StreamThread-1`)
const streamThreadName = `${prefix}streamprobe-sut`.slice(0, 15);
const ports = state.processors.map((p) => p.port);
const producer = new Producer({ clientId: 'bench-sut', bootstrapBrokers: opts.brokers, serializers: stringSerializers, acks: -1 });
const latencies: number[] = [];
const consumer = new Consumer({
  clientId: 'bench-sut-agg',
  groupId: `${prefix}reader`,
  bootstrapBrokers: opts.brokers,
  deserializers: stringDeserializers,
});
const stream = await consumer.consume({
  topics: [state.topics.aggregates],
  mode: 'latest',
  autocommit: false,
  maxWaitTime: 50,
  isolationLevel: 1,
});
let measuring = false;
stream.on('data', (m) => {
  const intendedUs = (JSON.parse(m.value) as { max_intended_us: number | null }).max_intended_us;
  if (measuring && intendedUs !== null) latencies.push(Date.now() - intendedUs / 1000);
});

const gen = new EventGenerator({ seed: 1, generatorId: '0' });
let seq = 0;
let sent = 0;
let inflight = 0;
let failed = 0;
const perTick = (rate * TICK_MS) / 1000;
const t0 = Date.now();
let cpuStart: Record<string, number> = {};
let processedAtStart = 0;
let ownCpuStart = process.cpuUsage();
for (let tick = 0; ; tick++) {
  const intended = t0 + tick * TICK_MS;
  const elapsed = intended - t0;
  if (elapsed >= (warmupS + durationS) * 1000) break;
  if (!measuring && elapsed >= warmupS * 1000) {
    measuring = true;
    cpuStart = sumByThread(pids, streamThreadName);
    processedAtStart = await processedRecords(ports);
    ownCpuStart = process.cpuUsage();
  }
  const wait = intended - Date.now();
  if (wait > 0) await sleep(wait);
  const n = Math.floor((tick + 1) * perTick) - Math.floor(tick * perTick);
  const events = gen.batch(n, intended);
  const sentUs = Date.now() * 1000;
  const messages = events.map((e) => ({
    topic: state.topics.events,
    key: e.key,
    value: eventValue(e),
    headers: { sp: formatCompactStamp({ runId: 'bench', generatorId: '0', seq: seq++, intendedUs: Math.round(intended * 1000), sentUs }) },
  }));
  if (inflight > 200) {
    failed += n;
    continue;
  } // the broker fell behind: count, never queue without bound
  inflight++;
  producer
    .send({ messages })
    .then(
      () => (sent += n),
      () => (failed += n),
    )
    .finally(() => inflight--);
}
while (inflight > 0) await sleep(10);
const own = process.cpuUsage(ownCpuStart);
const loadEnd = Date.now();
// CPU until the processors have caught up with everything sent (a lagging processor does the work later)
while ((await processedRecords(ports)) < sent) await sleep(100);
const catchUpMs = Date.now() - loadEnd;
const cpuEnd = sumByThread(pids, streamThreadName);
const cpuUsed = (kind: string) => (cpuEnd[kind] ?? 0) - (cpuStart[kind] ?? 0);
const events = (await processedRecords(ports)) - processedAtStart;
await sleep(Number.parseInt(values.window, 10) * 1000 + 3000); // the last windows close
measuring = false;
latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(
  JSON.stringify({
    rate,
    durationS,
    processors: opts.processors,
    guarantee: opts.guarantee,
    windowMs: opts.windowMs,
    graceMs: opts.graceMs,
    eventsMeasured: events,
    notSent: failed,
    catchUpMs,
    processorCpuMs: Math.round(cpuUsed('total')),
    processorCpuUsPerEvent: Number(((cpuUsed('total') * 1000) / events).toFixed(2)),
    processorCpuUsPerEventByThread: Object.fromEntries(
      Object.keys(cpuEnd)
        .filter((k) => k !== 'total')
        .map((k) => [k, Number(((cpuUsed(k) * 1000) / events).toFixed(2))]),
    ),
    processorCores: Number((cpuUsed('total') / (durationS * 1000 + catchUpMs)).toFixed(2)),
    loadGeneratorCpuUsPerEvent: Number(((own.user + own.system) / (sent - processedAtStart)).toFixed(2)),
    windowResults: latencies.length,
    resultLatencyMs: { p50: q(0.5), p99: q(0.99), max: latencies.at(-1) },
  }),
);
await consumer.close(true);
await producer.close();
await stopPipeline(dir);
await deleteTopicsWithPrefix(opts.brokers, prefix);
rmSync(dir, { recursive: true, force: true });
process.exit(0);
