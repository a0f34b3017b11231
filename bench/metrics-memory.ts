/**
 * Records 10,000,000 samples into one trend series through a cached `Series` handle and prints
 * heap/RSS growth and the cost per add. Targets: well under 1 µs per add, < 50 MB growth.
 * Run: node --expose-gc --import tsx bench/metrics-memory.ts
 */
import { MetricStore } from '../runtime/metrics/store.ts';

const SAMPLES = 10_000_000;
const gc = (globalThis as { gc?: () => void }).gc;

// latencies from 1 µs to 1 h (log-uniform), precomputed so the loop measures add() alone
const values = new Float64Array(1 << 16);
let seed = 42;
for (let i = 0; i < values.length; i++) {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  values[i] = 1e-3 * 3.6e9 ** (seed / 2 ** 32);
}

const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);

gc?.();
const before = process.memoryUsage();
const store = new MetricStore();
const series = store.series({ name: 'bench_latency', type: 'trend', contains: 'time' }, { scenario: 'default' });
const mask = values.length - 1;
const start = process.hrtime.bigint();
for (let i = 0; i < SAMPLES; i++) series.add(values[i & mask]!);
const elapsedNs = Number(process.hrtime.bigint() - start);
gc?.();
const after = process.memoryUsage();

const p = store.values('bench_latency', undefined, { percentiles: [99] })!;
console.log(`samples:       ${SAMPLES.toLocaleString('en')} (count ${p.count}, p(99) ${p['p(99)']!.toFixed(1)} ms)`);
console.log(`ns per add:    ${(elapsedNs / SAMPLES).toFixed(1)}`);
console.log(`heap growth:   ${mb(after.heapUsed - before.heapUsed)} MB${gc ? '' : ' (run with --expose-gc for a settled figure)'}`);
console.log(`external+AB:   ${mb(after.external + after.arrayBuffers - before.external - before.arrayBuffers)} MB`);
console.log(`RSS growth:    ${mb(after.rss - before.rss)} MB`);
