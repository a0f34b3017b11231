// Main-thread CPU per sample of the per-sample outputs, and the workers' cost of keeping samples — a
// microbenchmark that a loaded machine can still answer (CPU time, not throughput).
//   node --import tsx bench/outputs/output-cpu.ts [--samples-per-second 33000] [--seconds 20]
// 33,000 samples/s is what 150,000 events/s of bench/ingest/max-rate.ts make (1,500 iterations/s × 22 samples).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MetricDef } from '../../runtime/metrics/metric.ts';
import { MetricStore } from '../../runtime/metrics/store.ts';
import { consolidate } from '../../runtime/options/consolidate.ts';
import { csvOutput } from '../../runtime/output/csv/csv-output.ts';
import { jsonOutput } from '../../runtime/output/json/json-output.ts';
import type { Output } from '../../runtime/output/output.ts';

const { values: v } = parseArgs({
  options: { 'samples-per-second': { type: 'string', default: '33000' }, seconds: { type: 'string', default: '20' } },
});
const perSecond = Number(v['samples-per-second']);
const seconds = Number(v.seconds);
const SERIES = 22;
const defs: MetricDef[] = Array.from({ length: SERIES }, (_, i) => ({
  name: `metric_${i}`,
  type: i % 3 === 0 ? 'trend' : 'counter',
  contains: i % 3 === 0 ? 'time' : 'default',
}));
const tags = { scenario: 'ingest', group: '', topic: 'events', testid: 'bench' };

const cpuMs = (f: () => void): number => {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};

/** one second's worth of samples through a worker store that keeps them (or not) */
function workerSecond(keep: boolean): ReturnType<MetricStore['drain']> {
  const store = new MetricStore();
  if (keep) store.keepIndividualSamples();
  const series = defs.map((d) => store.series(d, tags));
  for (let i = 0; i < perSecond; i++) series[i % SERIES]!.add(i % 97);
  return store.drain();
}

const plain = cpuMs(() => {
  for (let s = 0; s < seconds; s++) workerSecond(false);
});
const kept = cpuMs(() => {
  for (let s = 0; s < seconds; s++) workerSecond(true);
});
const perSample = (ms: number) => ((ms * 1000) / (perSecond * seconds)).toFixed(3);
console.log(
  `workers: ${perSample(plain)} µs/sample aggregated only, ${perSample(kept)} µs/sample keeping samples (+${perSample(kept - plain)})`,
);

const dir = mkdtempSync(path.join(tmpdir(), 'streamprobe-output-cpu-'));
const ctx = { scriptPath: 'bench', options: consolidate({ env: {}, cli: {} }), env: {}, log: console };
const intervals = Array.from({ length: seconds }, () => workerSecond(true));
for (const [name, make] of [
  ['json', () => jsonOutput(path.join(dir, 'o.json'), ctx)],
  ['csv', () => csvOutput(path.join(dir, 'o.csv'), ctx)],
] as const) {
  const out: Output = make();
  await out.start(Date.now());
  const ms = cpuMs(() => {
    for (const [i, delta] of intervals.entries()) out.addMetrics({ timeMs: Date.now() + i * 1000, delta });
  });
  await out.stop(undefined);
  console.log(
    `${name}: ${perSample(ms)} µs/sample on the main thread = ${((ms / seconds / 1000) * 100).toFixed(1)} % of a core at ${perSecond} samples/s`,
  );
}
rmSync(dir, { recursive: true, force: true });
