import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentileKey } from '../../../runtime/metrics/aggregations.ts';
import { CounterSink } from '../../../runtime/metrics/sinks/counter.ts';
import { GaugeSink } from '../../../runtime/metrics/sinks/gauge.ts';
import { RateSink } from '../../../runtime/metrics/sinks/rate.ts';
import { TrendSink } from '../../../runtime/metrics/sinks/trend.ts';

describe('CounterSink', () => {
  it('sums values; rate is per elapsed second', () => {
    const c = new CounterSink();
    assert.deepEqual(c.values({ elapsedMs: 1000 }), { count: 0, rate: 0 });
    c.add(3);
    c.add(0);
    c.add(2.5);
    assert.equal(c.samples, 3);
    assert.deepEqual(c.values({ elapsedMs: 2000 }), { count: 5.5, rate: 2.75 });
    assert.deepEqual(c.values(), { count: 5.5, rate: 0 });
  });
});

describe('GaugeSink', () => {
  it('keeps the last value, the minimum and a maximum that starts at 0', () => {
    const g = new GaugeSink();
    assert.deepEqual(g.values(), { value: 0, min: 0, max: 0 });
    g.add(-5, 1);
    g.add(-2, 2);
    g.add(-7, 3);
    assert.deepEqual(g.values(), { value: -7, min: -7, max: 0 });
    g.add(4, 4);
    assert.deepEqual(g.values(), { value: 4, min: -7, max: 4 });
  });

  it('merges by timestamp: the latest value wins regardless of merge order', () => {
    const early = new GaugeSink();
    early.add(10, 100);
    const late = new GaugeSink();
    late.add(3, 200);
    const merged = new GaugeSink();
    merged.merge(late.snapshot());
    merged.merge(early.snapshot());
    assert.deepEqual(merged.values(), { value: 3, min: 3, max: 10 });
    assert.equal(merged.samples, 2);
  });

  it('stamps values with the wall clock by default', () => {
    const g = new GaugeSink();
    const before = Date.now();
    g.add(1);
    assert.ok(g.snapshot().lastTime >= before - 1);
  });
});

describe('RateSink', () => {
  it('counts non-zero samples as passes', () => {
    const r = new RateSink();
    assert.deepEqual(r.values(), { passes: 0, fails: 0 }, 'no rate key without samples');
    for (const v of [1, 0, 0.5, -1, 0]) r.add(v);
    assert.deepEqual(r.values(), { passes: 3, fails: 2, rate: 0.6 });
  });
});

describe('TrendSink', () => {
  it('reports zeros without samples', () => {
    const t = new TrendSink();
    assert.deepEqual(t.values({ percentiles: [95] }), { avg: 0, min: 0, med: 0, max: 0, count: 0, sum: 0, 'p(95)': 0 });
  });

  it('keeps count, sum, min and max exact and returns the single value for any percentile', () => {
    const t = new TrendSink();
    t.add(0.0123);
    assert.deepEqual(t.values({ percentiles: [0, 99.9] }), {
      avg: 0.0123,
      min: 0.0123,
      med: 0.0123,
      max: 0.0123,
      count: 1,
      sum: 0.0123,
      'p(0)': 0.0123,
      'p(99.9)': 0.0123,
    });
    t.add(-4);
    t.add(7.5);
    const v = t.values();
    assert.equal(v.count, 3);
    assert.equal(v.sum, 0.0123 - 4 + 7.5);
    assert.equal(v.min, -4);
    assert.equal(v.max, 7.5);
    assert.equal(v.avg, (0.0123 - 4 + 7.5) / 3);
  });

  it('interpolates between neighbouring ranks like k6', () => {
    const t = new TrendSink();
    for (const v of [1, 2, 3, 4]) t.add(v);
    // i = 0.5·3 = 1.5 → 2 + (3−2)·0.5
    assert.ok(Math.abs(t.percentile(50) - 2.5) <= 2.5 * 1e-3);
    assert.equal(t.percentile(0), 1);
    assert.equal(t.percentile(100), 4);
  });

  it('handles zeros, negatives and infinities', () => {
    const t = new TrendSink();
    for (const v of [0, 0, 0, -0]) t.add(v);
    assert.equal(t.percentile(50), 0);
    t.add(Infinity);
    assert.equal(t.percentile(100), Infinity);
    const n = new TrendSink();
    for (const v of [-3, -2, -1]) n.add(v);
    assert.ok(Math.abs(n.percentile(50) - -2) <= 2e-3);
  });

  it('reset empties it', () => {
    const t = new TrendSink();
    t.add(5);
    t.reset();
    assert.equal(t.samples, 0);
    assert.equal(t.values().max, 0);
    t.add(2);
    assert.equal(t.percentile(50), 2);
  });
});

describe('percentileKey', () => {
  it("formats N like Go's %g", () => {
    assert.equal(percentileKey(99.9), 'p(99.9)');
    assert.equal(percentileKey(99.9), 'p(99.9)');
    assert.equal(percentileKey(95), 'p(95)');
    assert.equal(percentileKey(0), 'p(0)');
    assert.equal(percentileKey(100), 'p(100)');
    assert.equal(percentileKey(99.99), 'p(99.99)');
    assert.equal(percentileKey(0.0001), 'p(0.0001)');
    assert.equal(percentileKey(0.00001), 'p(1e-05)');
    assert.equal(percentileKey(1234567), 'p(1.234567e+06)');
  });
});
