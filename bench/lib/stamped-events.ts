/**
 * Per-event CPU of what a load VU does before the produce call, as lib/ingest.ts does it: a batch of 100
 * generated events, their key and value bytes, one stamp per record, and the RecordBatch encoding of the
 * Kafka writer (headers included), so a cheaper stamp shows up where it is paid. Compares the compact `sp`
 * header with the five decimal headers streamprobe wrote before (still read by the pipeline). Median of
 * ROUNDS rounds of process CPU time (user + system), which a busy shared machine skews less than wall time.
 * Run: node --import tsx bench/lib/stamped-events.ts   (note `uptime` alongside)
 */
import { EventGenerator } from '../../lib/events.ts';
import { DecimalCounter } from '../../lib/decimal-counter.ts';
import { epochUs, Stamper, stampTimes } from '../../lib/stamp-headers.ts';
import { RecordBatchEncoder } from '../../runtime/modules/k6/x/kafka/produce/record-batch.ts';

const ROUNDS = 7;
const BATCH = 100;
const EVENTS_PER_ROUND = 300_000;
const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);

function medianNsPerEvent(round: () => void): number {
  round();
  const perEvent: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.cpuUsage();
    round();
    const used = process.cpuUsage(start);
    perEvent.push(((used.user + used.system) * 1000) / EVENTS_PER_ROUND);
  }
  perEvent.sort((a, b) => a - b);
  return perEvent[ROUNDS >> 1]!;
}

let sink = 0;
const gen = new EventGenerator({ seed: 1, generatorId: '12' });
const stamper = new Stamper('run-bench-0123', '12');
const encoder = new RecordBatchEncoder();
const encode = (text: string): Uint8Array => Buffer.from(text, 'utf8');
let now = T0;

function generateOnly(): void {
  for (let i = 0; i < EVENTS_PER_ROUND; i += BATCH) sink += gen.batch(BATCH, (now += 0.7))[BATCH - 1]!.value.length;
}

function stampedAndEncoded(): void {
  for (let i = 0; i < EVENTS_PER_ROUND; i += BATCH) {
    const events = gen.batch(BATCH, (now += 0.7));
    const times = stampTimes(now, now + 0.3);
    const messages = events.map((e) => ({ key: encode(e.key), value: encode(e.value), headers: stamper.headers(times) }));
    sink += encoder.encode(messages, now).length;
  }
}

const fiveSeqs = new DecimalCounter();

/** the five headers sp-run, sp-gen, sp-seq, sp-intended-us, sp-sent-us, as lib/ingest.ts wrote them before */
function fiveHeadersAndEncoded(): void {
  for (let i = 0; i < EVENTS_PER_ROUND; i += BATCH) {
    const events = gen.batch(BATCH, (now += 0.7));
    const intended = epochUs(now);
    const sent = epochUs(now + 0.3);
    const messages = events.map((e) => ({
      key: encode(e.key), value: encode(e.value),
      headers: { 'sp-run': 'run-bench-0123', 'sp-gen': '12', 'sp-seq': fiveSeqs.next(), 'sp-intended-us': intended, 'sp-sent-us': sent },
    }));
    sink += encoder.encode(messages, now).length;
  }
}

const row = (label: string, ns: number): void => console.log(`${label.padEnd(60)} ${ns.toFixed(0).padStart(6)} ns/event`);
const generated = medianNsPerEvent(generateOnly);
const compact = medianNsPerEvent(stampedAndEncoded);
const five = medianNsPerEvent(fiveHeadersAndEncoded);
row('generate (EventGenerator.batch(100))', generated);
row('generate + bytes + compact sp stamp + RecordBatch encoding', compact);
row('generate + bytes + five stamp headers + RecordBatch encoding', five);
if (sink === 0) console.log('(unreachable: keeps the work observable)');
