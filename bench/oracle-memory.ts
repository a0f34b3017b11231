/**
 * Memory and CPU of the oracle's pure parts over a long run: RECORDS records (default 30,000,000: 5 minutes at
 * 100,000 events/s) from 32 generators at RATE events/s over 6 partitions read in round robin, through the Ledger
 * and ExpectedAggregates (200 pages × 4 types, 100,000 users, 5 s windows), as lib/pipeline/ledger-reader.ts feeds
 * them — without the Kafka reading and JSON parsing. Prints the peak heap and the CPU per record.
 * Run: node --expose-gc --import tsx bench/oracle-memory.ts [RECORDS]
 */
import { ExpectedAggregates } from '../lib/oracle/expected.ts';
import { Ledger } from '../lib/oracle/ledger.ts';
import { Random } from '../lib/random.ts';

const RECORDS = Number(process.argv[2] ?? 30_000_000);
const RATE = 100_000;
const GENERATORS = 32;
const PARTITIONS = 6;
const ROUND = 2000;
const TYPES = ['page_view', 'click', 'add_to_cart', 'purchase'];
const T0 = Date.UTC(2026, 10, 30, 10);

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const ledger = new Ledger();
const expected = new ExpectedAggregates({ windowMs: 5000, graceMs: 250, uncertainMs: 1000, idleCloseMs: 30_000 });
const rnd = new Random(1);
const seqs = new Array<number>(GENERATORS).fill(0);
let peak = 0;
const started = process.cpuUsage();

// record i is sent at T0 + i / RATE by generator i % GENERATORS to partition rnd % PARTITIONS; reading goes
// partition by partition, ROUND records each, so partitions are read in near-send order as the reader does
const lanes = Array.from({ length: PARTITIONS }, () => [] as number[]);
let next = 0;
const maxEvent = new Array<number>(PARTITIONS).fill(-Infinity);
const lastSent = new Array<number>(PARTITIONS).fill(-Infinity);
while (next < RECORDS || lanes.some((l) => l.length > 0)) {
  while (next < RECORDS && lanes.every((l) => l.length < ROUND)) lanes[rnd.int(PARTITIONS)]!.push(next++);
  const readTo: number[] = [];
  for (let p = 0; p < PARTITIONS; p++) {
    const lane = lanes[p]!.splice(0, ROUND);
    for (const i of lane) {
      const gen = i % GENERATORS;
      const sentMs = T0 + i / (RATE / 1000);
      const eventTimeMs = Math.floor(sentMs);
      ledger.add(String(gen), seqs[gen]!++, p, i);
      expected.add({
        pageId: `pg${rnd.int(200)}`,
        type: TYPES[rnd.int(4)]!,
        userId: `u${rnd.int(100_000)}`,
        amountCents: 0,
        eventTimeMs,
        intendedUs: sentMs * 1000,
        precededByMs: maxEvent[p]!,
        quietBeforeMs: sentMs - lastSent[p]!,
      });
      if (eventTimeMs > maxEvent[p]!) maxEvent[p] = eventTimeMs;
      lastSent[p] = sentMs;
    }
    readTo.push(lanes[p]!.length === 0 && next >= RECORDS ? Infinity : maxEvent[p]!);
  }
  expected.advance(Math.min(...readTo));
  if (next % 1_000_000 < ROUND * PARTITIONS) {
    gc?.(); // live memory only
    peak = Math.max(peak, process.memoryUsage().heapUsed - heapBefore);
  }
}
const windows = expected.finish(T0 + RECORDS / (RATE / 1000));
const used = process.cpuUsage(started);
console.log(
  `${RECORDS.toLocaleString('en')} records, ${ledger.generators} generators, ${windows.size.toLocaleString('en')} windows, lost ${ledger.lost()}`,
);
console.log(
  `peak live heap growth ${(peak / 1e6).toFixed(0)} MB (sampled after a GC every million records); ${(((used.user + used.system) * 1000) / RECORDS).toFixed(0)} ns CPU per record`,
);
