/**
 * Per-event cost of lib/'s hot path as scripts/ingest-load.ts drives it: EventGenerator.batch(100),
 * the Zipf sampler, and one stamp header per record; then the whole of it up to the produce call —
 * generation (the generator writes key and value bytes itself), the stamp and the Kafka writer's
 * RecordBatch encoding — with the
 * compact `sp` stamp and with the five decimal headers streamprobe wrote before (the pipeline still
 * reads them), so a cheaper stamp shows where it is paid. Also the cost of creating a VU's
 * generator (arrival-rate scenarios create VUs mid-test). Prints the median of ROUNDS timed rounds,
 * timed in process CPU time (user + system, GC threads included), which a busy shared machine
 * skews less than wall time. One generator in one module instance: in the runtime every VU of a
 * thread has its own classes, which costs more per event (bench/ingest/cpu-per-event.sh measures that).
 * Run: node --import tsx bench/lib-events.ts   (note `uptime` alongside)
 */
import { EventGenerator, type EventGeneratorConfig } from '../lib/events.ts';
import { Random } from '../lib/random.ts';
import { DecimalCounter } from '../lib/decimal-counter.ts';
import { epochUs, Stamper, stampTimes, type StampHeader } from '../lib/stamp-headers.ts';
import { ZipfSampler } from '../lib/zipf.ts';
import { RecordBatchEncoder } from '../runtime/modules/k6/x/kafka/produce/record-batch-encoder.ts';

const ROUNDS = 5;
const BATCH = 100;
const EVENTS_PER_ROUND = 500_000;
const SAMPLES_PER_ROUND = 2_000_000;
const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);

/** the median over ROUNDS of CPU ns per unit of `round`, after one untimed warm-up round */
function measure(units: number, round: () => void): number {
  round();
  const perUnit: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.cpuUsage();
    round();
    const used = process.cpuUsage(start);
    perUnit.push(((used.user + used.system) * 1000) / units);
  }
  perUnit.sort((a, b) => a - b);
  return perUnit[ROUNDS >> 1]!;
}

let sink = 0;

function eventsNs(config: EventGeneratorConfig): number {
  const gen = new EventGenerator(config);
  let now = T0;
  return measure(EVENTS_PER_ROUND, () => {
    for (let i = 0; i < EVENTS_PER_ROUND; i += BATCH) {
      const events = gen.batch(BATCH, (now += 0.7));
      sink += events[BATCH - 1]!.valueBytes.length;
    }
  });
}

function zipfNs(n: number, s: number): number {
  const z = new ZipfSampler(n, s);
  const rnd = new Random(1);
  return measure(SAMPLES_PER_ROUND, () => {
    for (let i = 0; i < SAMPLES_PER_ROUND; i++) sink += z.sample(rnd);
  });
}

function headersNs(): number {
  const stamper = new Stamper('run-bench', '12');
  const times = stampTimes(T0, T0);
  return measure(EVENTS_PER_ROUND, () => {
    for (let i = 0; i < EVENTS_PER_ROUND; i++) sink += stamper.headers(times).sp.length;
  });
}

/** generation + stamp + RecordBatch encoding per event; `headers(intendedMs)` stamps one batch */
function stampedNs(headers: (intendedMs: number) => () => Readonly<Record<string, string>>): number {
  const gen = new EventGenerator({ seed: 1, generatorId: '12' });
  const encoder = new RecordBatchEncoder();
  let now = T0;
  return measure(EVENTS_PER_ROUND, () => {
    for (let i = 0; i < EVENTS_PER_ROUND; i += BATCH) {
      const events = gen.batch(BATCH, (now += 0.7));
      const next = headers(now);
      const messages = events.map((e) => ({ key: e.keyBytes, value: e.valueBytes, headers: next() }));
      sink += encoder.encode(messages, now).length;
    }
  });
}

const compactStamper = new Stamper('run-bench-0123', '12');
const compact = (ms: number): (() => StampHeader) => {
  const times = stampTimes(ms, ms + 0.3);
  return () => compactStamper.headers(times);
};
const fiveSeqs = new DecimalCounter();
const five = (ms: number): (() => Readonly<Record<string, string>>) => {
  const intended = epochUs(ms);
  const sent = epochUs(ms + 0.3);
  return () => ({ 'sp-run': 'run-bench-0123', 'sp-gen': '12', 'sp-seq': fiveSeqs.next(), 'sp-intended-us': intended, 'sp-sent-us': sent });
};

/** µs to build a fresh generator with distinct parameters (no cache across VUs can help) */
function constructUs(): number {
  const count = 20;
  let users = 100_000;
  return (
    measure(count, () => {
      for (let i = 0; i < count; i++) sink += new EventGenerator({ seed: i, users: users++ }).batch(1, T0).length;
    }) / 1000
  );
}

const row = (label: string, value: number, unit: string): void =>
  console.log(`${label.padEnd(62)} ${value.toFixed(1).padStart(8)} ${unit}`);

row('EventGenerator.batch(100), all valid', eventsNs({ seed: 1, generatorId: '7' }), 'ns/event');
row(
  'EventGenerator.batch(100), 2% late 10% ooo 1% dup 1% bad',
  eventsNs({
    seed: 1,
    generatorId: '7',
    lateFraction: 0.02,
    outOfOrderFraction: 0.1,
    duplicateFraction: 0.01,
    malformedFraction: 0.01,
  }),
  'ns/event',
);
row('ZipfSampler(100000, 1).sample', zipfNs(100_000, 1), 'ns/sample');
row('ZipfSampler(5000, 1.2).sample', zipfNs(5_000, 1.2), 'ns/sample');
row('ZipfSampler(100000, 0.8).sample', zipfNs(100_000, 0.8), 'ns/sample');
row('Stamper.headers', headersNs(), 'ns/record');
row('new EventGenerator (users 100000)', constructUs(), 'µs');
row('generate + compact sp stamp + RecordBatch encoding', stampedNs(compact), 'ns/event');
row('generate + 5 stamp headers + RecordBatch encoding', stampedNs(five), 'ns/event');
if (sink === 0) console.log('(unreachable: keeps the work observable)');
