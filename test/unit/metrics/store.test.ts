import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../../lib/random.ts';
import type { MetricDef, Tags } from '../../../runtime/metrics/metric.ts';
import type { GaugeSink } from '../../../runtime/metrics/sinks/gauge.ts';
import { MetricStore, transferables } from '../../../runtime/metrics/store.ts';
import { tagSetKey, tagsMatch } from '../../../runtime/metrics/tags.ts';

const trend: MetricDef = { name: 'latency', type: 'trend', contains: 'time' };
const counter: MetricDef = { name: 'msgs', type: 'counter', contains: 'default' };
const gauge: MetricDef = { name: 'lag', type: 'gauge', contains: 'default' };
const rate: MetricDef = { name: 'ok_rate', type: 'rate', contains: 'default' };

describe('tags', () => {
  it('keys tag sets independently of insertion order and unambiguously', () => {
    assert.equal(tagSetKey({ a: '1', b: '2' }), tagSetKey({ b: '2', a: '1' }));
    assert.notEqual(tagSetKey({ a: '1,b' }), tagSetKey({ a: '1', b: '' }));
    assert.equal(tagSetKey({}), '');
  });

  it('matches a filter when all its pairs are present', () => {
    assert.ok(tagsMatch({ a: '1', b: '2' }, { a: '1' }));
    assert.ok(tagsMatch({ a: '1' }, undefined));
    assert.ok(tagsMatch({ a: '1' }, {}));
    assert.ok(!tagsMatch({ a: '1' }, { a: '1', b: '2' }));
    assert.ok(!tagsMatch({ a: '1' }, { a: '2' }));
    assert.ok(!tagsMatch({}, { toString: 'x' }));
  });
});

/** seeded, so the data is the same on every run */
function random(seed: number): () => number {
  const r = new Random(seed);
  return () => r.next();
}

const QUERY = { elapsedMs: 10_000, percentiles: [50, 90, 99.9] };

describe('MetricStore', () => {
  it('returns the same cached series for the same metric and tag set', () => {
    const s = new MetricStore();
    const a = s.series(trend, { b: '2', a: '1' });
    assert.equal(s.series(trend, { a: '1', b: '2' }), a);
    assert.notEqual(s.series(trend, { a: '1' }), a);
    const tags = { a: 'x' };
    const b = s.series(counter, tags);
    tags.a = 'mutated';
    assert.deepEqual(b.tags, { a: 'x' }, 'the series keeps its own copy of the tags');
  });

  it('rejects a metric name reused with another type', () => {
    const s = new MetricStore();
    s.add(trend, {}, 1);
    assert.throws(() => s.add({ ...trend, type: 'counter' }, {}, 1), /already exists/);
  });

  it('aggregates per type with k6 keys', () => {
    const s = new MetricStore();
    s.add(counter, {}, 5);
    s.add(counter, { t: 'x' }, 15);
    s.add(gauge, {}, 7);
    s.add(rate, {}, 1);
    s.add(rate, {}, 0);
    for (const v of [1, 2, 3]) s.add(trend, {}, v);
    assert.deepEqual(s.values('msgs', undefined, { elapsedMs: 4000 }), { count: 20, rate: 5 });
    assert.deepEqual(s.values('lag'), { value: 7, min: 7, max: 7 });
    assert.deepEqual(s.values('ok_rate'), { rate: 0.5, passes: 1, fails: 1 });
    const t = s.values('latency', undefined, { percentiles: [100] })!;
    assert.deepEqual([t.count, t.sum, t.min, t.max, t.avg, t['p(100)']], [3, 6, 1, 3, 2, 3]);
    assert.equal(s.values('nope'), undefined);
  });

  it('filters sub-metrics by tags they must all carry', () => {
    const s = new MetricStore();
    s.add(trend, { status: '200', topic: 'a' }, 10);
    s.add(trend, { status: '200', topic: 'b' }, 20);
    s.add(trend, { status: '500', topic: 'a' }, 1000);
    assert.equal(s.values('latency')!.count, 3);
    assert.deepEqual([s.values('latency', { status: '200' })!.count, s.values('latency', { status: '200' })!.max], [2, 20]);
    assert.equal(s.values('latency', { status: '200', topic: 'a' })!.max, 10);
    assert.equal(s.values('latency', { status: '404' }), undefined);
  });

  it('drain returns plain data and starts the deltas over', () => {
    const s = new MetricStore();
    const handle = s.series(trend, { a: '1' });
    handle.add(3);
    s.add(counter, {}, 1);
    const first = s.drain();
    assert.deepEqual(structuredClone(first), first, 'survives structured clone');
    assert.deepEqual(first.metrics.map((m) => m.name).sort(), ['latency', 'msgs']);
    assert.equal(first.series.length, 2);
    assert.deepEqual(s.drain(), { metrics: [], series: [] });
    handle.add(4);
    const second = s.drain();
    assert.equal(second.series.length, 1);
    assert.equal((second.series[0]!.data as { samples: number }).samples, 1);
    assert.deepEqual(s.observed().sort(), ['latency', 'msgs'], 'drained metrics stay observed');
    assert.equal(transferables(second).length, 2);
  });

  it('merging the snapshots of N workers equals one store that saw every sample', () => {
    const r = random(7);
    const workers = [new MetricStore(), new MetricStore(), new MetricStore()];
    const all = new MetricStore();
    const main = new MetricStore();
    const defs = [trend, counter, gauge, rate];
    let time = 0;
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 3000; i++) {
        const w = workers[Math.floor(r() * workers.length)]!;
        const def = defs[Math.floor(r() * defs.length)]!;
        const tags = { topic: `t${Math.floor(r() * 3)}`, ...(r() < 0.5 ? { status: 'ok' } : {}) };
        const value = def.type === 'rate' ? Math.round(r()) : (r() - 0.2) * 10 ** (4 * r());
        if (def.type === 'gauge') {
          time++;
          // explicit timestamps: the wall clock could tie between two adds
          (w.series(def, tags).sink as GaugeSink).add(value, time);
          (all.series(def, tags).sink as GaugeSink).add(value, time);
        } else {
          w.add(def, tags, value);
          all.add(def, tags, value);
        }
      }
      // snapshots travel by structured clone, in any worker order
      for (const w of [...workers].reverse()) main.merge(structuredClone(w.drain()));
    }
    for (const def of defs) {
      const filters: (Tags | undefined)[] = [undefined, { topic: 't1' }, { status: 'ok', topic: 't2' }];
      for (const filter of filters) {
        const expected = all.values(def.name, filter, QUERY)!;
        const got = main.values(def.name, filter, QUERY)!;
        assert.deepEqual(Object.keys(got).sort(), Object.keys(expected).sort());
        for (const key of Object.keys(expected)) {
          const tolerance = Math.abs(expected[key]!) * 1e-9;
          assert.ok(
            Math.abs(got[key]! - expected[key]!) <= tolerance,
            `${def.name} ${JSON.stringify(filter)} ${key}: ${got[key]} vs ${expected[key]}`,
          );
        }
      }
    }
    assert.deepEqual(main.observed().sort(), all.observed().sort());
  });

  it('lists every series with samples for outputs', () => {
    const s = new MetricStore();
    s.add(counter, { a: '1' }, 2);
    s.add(counter, { a: '2' }, 3);
    s.series(trend, {});
    const seen: string[] = [];
    s.forEachSeries((def, tags, values) => seen.push(`${def.name}${JSON.stringify(tags)}=${values.count}`));
    assert.deepEqual(seen, ['msgs{"a":"1"}=2', 'msgs{"a":"2"}=3']);
    assert.deepEqual(s.observed(), ['msgs']);
  });
});
