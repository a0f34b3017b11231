import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineBuiltinMetrics } from '../../../runtime/metrics/builtin.ts';
import { MetricRegistry } from '../../../runtime/metrics/registry.ts';
import { MetricStore } from '../../../runtime/metrics/store.ts';
import type { ThresholdDefinition } from '../../../runtime/options/types.ts';
import { evaluateThresholds } from '../../../runtime/thresholds/evaluate.ts';
import { parseThresholds } from '../../../runtime/thresholds/parse.ts';

function setup(config: Record<string, ThresholdDefinition[]>) {
  const registry = new MetricRegistry();
  defineBuiltinMetrics(registry);
  registry.define('lat', 'trend', 'time');
  registry.define('depth', 'gauge');
  return { registry, store: new MetricStore(), parsed: parseThresholds(config, registry) };
}

describe('evaluateThresholds', () => {
  it('reports ok and the observed value per metric and source', () => {
    const { registry, store, parsed } = setup({
      lat: ['p(95)<200', 'avg>100', 'p(99.9)<=1000'],
      iterations: ['count>=4', 'rate>1'],
      checks: ['rate==1'],
      depth: ['value<10'],
    });
    for (const v of [10, 20, 30, 40]) store.add(registry.get('lat')!, {}, v);
    for (let i = 0; i < 4; i++) store.add(registry.get('iterations')!, {}, 1);
    store.add(registry.get('checks')!, {}, 1);
    store.add(registry.get('depth')!, {}, 12);
    const e = evaluateThresholds(parsed, store, { elapsedMs: 2000, final: false });
    assert.equal(e.ok, false);
    assert.equal(e.abort, false);
    assert.deepEqual(Object.keys(e.results), ['lat', 'iterations', 'checks', 'depth']);
    assert.equal(e.results.lat!['p(95)<200']!.ok, true);
    assert.ok(Math.abs(e.results.lat!['p(95)<200']!.value! - 38.5) < 0.04);
    assert.deepEqual(e.results.lat!['avg>100'], { ok: false, value: 25 });
    assert.equal(e.results.lat!['p(99.9)<=1000']!.ok, true);
    assert.deepEqual(e.results.iterations, { 'count>=4': { ok: true, value: 4 }, 'rate>1': { ok: true, value: 2 } });
    assert.deepEqual(e.results.checks, { 'rate==1': { ok: true, value: 1 } });
    assert.deepEqual(e.results.depth, { 'value<10': { ok: false, value: 12 } });
  });

  it('evaluates sub-metrics over the series carrying their tags', () => {
    const { registry, store, parsed } = setup({
      'lat{topic:a,status:"ok"}': ['max<100'],
      'lat{topic:b}': ['max<100'],
    });
    const lat = registry.get('lat')!;
    store.add(lat, { topic: 'a', status: 'ok' }, 50);
    store.add(lat, { topic: 'a', status: 'error' }, 500);
    store.add(lat, { topic: 'b', status: 'ok' }, 150);
    const e = evaluateThresholds(parsed, store, { elapsedMs: 2000, final: true });
    assert.deepEqual(e.results['lat{topic:a,status:"ok"}'], { 'max<100': { ok: true, value: 50 } });
    assert.deepEqual(e.results['lat{topic:b}'], { 'max<100': { ok: false, value: 150 } });
  });

  it('periodic runs skip empty sinks; the final run includes them', () => {
    const { store, parsed } = setup({
      lat: ['avg>5'],
      'lat{topic:never}': ['p(95)<1'],
      checks: ['rate>0.9'],
      iterations: ['count>0'],
      depth: ['value<0'],
    });
    const periodic = evaluateThresholds(parsed, store, { elapsedMs: 2000, final: false });
    assert.deepEqual(periodic, { ok: true, abort: false, results: {} });
    const final = evaluateThresholds(parsed, store, { elapsedMs: 3000, final: true });
    assert.deepEqual(final.results, {
      lat: { 'avg>5': { ok: false, value: 0 } },
      'lat{topic:never}': { 'p(95)<1': { ok: true, value: 0 } },
      // a rate without samples has no `rate` key: the threshold passes
      checks: { 'rate>0.9': { ok: true } },
      iterations: { 'count>0': { ok: false, value: 0 } },
      depth: { 'value<0': { ok: false, value: 0 } },
    });
    assert.equal(final.ok, false);
  });

  it('signals abortOnFail only after delayAbortEval, and never on the final run', () => {
    const { registry, store, parsed } = setup({
      checks: [{ threshold: 'rate>0.9', abortOnFail: true, delayAbortEval: '10s' }],
    });
    store.add(registry.get('checks')!, {}, 0);
    assert.equal(evaluateThresholds(parsed, store, { elapsedMs: 4000, final: false }).abort, false);
    assert.equal(evaluateThresholds(parsed, store, { elapsedMs: 10_000, final: false }).abort, false);
    const late = evaluateThresholds(parsed, store, { elapsedMs: 10_001, final: false });
    assert.equal(late.abort, true);
    assert.equal(late.ok, false);
    assert.equal(evaluateThresholds(parsed, store, { elapsedMs: 20_000, final: true }).abort, false);
  });

  it('aborts right away without a delay, but not for passing thresholds or ones without abortOnFail', () => {
    const { registry, store, parsed } = setup({
      checks: [{ threshold: 'rate>0.9', abortOnFail: true }],
      iterations: ['count>100'],
    });
    store.add(registry.get('iterations')!, {}, 1);
    assert.equal(evaluateThresholds(parsed, store, { elapsedMs: 2000, final: false }).abort, false);
    store.add(registry.get('checks')!, {}, 1);
    assert.equal(evaluateThresholds(parsed, store, { elapsedMs: 2000, final: false }).abort, false);
    store.add(registry.get('checks')!, {}, 0);
    assert.equal(evaluateThresholds(parsed, store, { elapsedMs: 2000, final: false }).abort, true);
  });
});
