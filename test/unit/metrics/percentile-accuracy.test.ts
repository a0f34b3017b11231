import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../../lib/random.ts';
import { TrendSink } from '../../../runtime/metrics/sinks/trend.ts';

/** seeded, so the data is the same on every run */
function random(seed: number): () => number {
  const r = new Random(seed);
  return () => r.next();
}

/** k6's exact percentile on sorted values (docs/k6-compatibility.md#metrics-checks-and-groups) */
function exactPercentile(sorted: number[], q: number): number {
  const i = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

const QS = [0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100];

function checkAccuracy(values: number[]): void {
  const sink = new TrendSink();
  for (const v of values) sink.add(v);
  const sorted = [...values].sort((a, b) => a - b);
  for (const q of QS) {
    const exact = exactPercentile(sorted, q);
    const i = (q / 100) * (sorted.length - 1);
    // the bound scales with the neighbours interpolated between (matters only across a sign change)
    const scale = Math.max(Math.abs(sorted[Math.floor(i)]!), Math.abs(sorted[Math.ceil(i)]!));
    const got = sink.percentile(q);
    assert.ok(Math.abs(got - exact) <= scale * 1e-3 + 1e-12, `p(${q}): got ${got}, exact ${exact}`);
  }
}

describe('trend percentiles vs exact k6 interpolation', () => {
  it('log-uniform latencies from 1 µs to 1 h (ms)', () => {
    const r = random(1);
    checkAccuracy(Array.from({ length: 20_000 }, () => 1e-3 * 3.6e9 ** r()));
  });

  it('a narrow, realistic latency band with many ties', () => {
    const r = random(2);
    checkAccuracy(Array.from({ length: 20_000 }, () => Math.round(5 + 20 * r() ** 3)));
  });

  it('few samples (interpolation dominates)', () => {
    const r = random(3);
    for (let n = 1; n <= 12; n++) checkAccuracy(Array.from({ length: n }, () => 1000 * r()));
  });

  it('negative and mixed-sign custom values', () => {
    const r = random(4);
    checkAccuracy(Array.from({ length: 10_000 }, () => -1e-3 * 1e6 ** r()));
    checkAccuracy(Array.from({ length: 10_000 }, () => (r() - 0.3) * 10 ** (6 * r() - 3)));
  });

  it('huge values such as epoch timestamps', () => {
    const r = random(5);
    checkAccuracy(Array.from({ length: 5_000 }, () => 1.7e12 + 1e9 * r()));
  });
});
