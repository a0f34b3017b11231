import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, ExitCode } from '../../../runtime/errors.ts';
import { defineBuiltinMetrics } from '../../../runtime/metrics/builtin.ts';
import { MetricRegistry } from '../../../runtime/metrics/registry.ts';
import { parseThresholds } from '../../../runtime/thresholds/parse.ts';

function registry(): MetricRegistry {
  const r = new MetricRegistry();
  defineBuiltinMetrics(r);
  r.define('kafka_writer_error_count', 'counter');
  r.define('queue_depth', 'gauge');
  r.define('e2e_latency', 'trend', 'time');
  return r;
}

function configError(message: RegExp) {
  return (e: unknown) => e instanceof ConfigError && e.exitCode === ExitCode.InvalidConfig && message.test(e.message);
}

describe('parseThresholds', () => {
  it('reads strings and objects, normalising percentile keys', () => {
    const [m] = parseThresholds(
      {
        http_req_duration: [
          'p(95)<200',
          'p(99.90) < 300',
          { threshold: 'p(99.9)<=400', abortOnFail: true, delayAbortEval: '10s' },
          { threshold: 'avg<100' },
          'med<50',
          'min>=0',
          'max<1000',
          'p( 50 )<1',
          'p(0.5)<1',
        ],
      },
      registry(),
    );
    assert.equal(m!.name, 'http_req_duration');
    assert.equal(m!.metric.type, 'trend');
    assert.equal(m!.filter, undefined);
    assert.deepEqual(
      m!.thresholds.map((t) => t.aggregation),
      ['p(95)', 'p(99.9)', 'p(99.9)', 'avg', 'med', 'min', 'max', 'p(50)', 'p(0.5)'],
    );
    assert.deepEqual(m!.percentiles, [95, 99.9, 50, 0.5]);
    assert.deepEqual(m!.thresholds[0], {
      source: 'p(95)<200',
      aggregation: 'p(95)',
      operator: '<',
      value: 200,
      abortOnFail: false,
      delayAbortEvalMs: 0,
    });
    assert.deepEqual(m!.thresholds[2], {
      source: 'p(99.9)<=400',
      aggregation: 'p(99.9)',
      operator: '<=',
      value: 400,
      abortOnFail: true,
      delayAbortEvalMs: 10_000,
    });
  });

  it('allows the aggregations of each metric type', () => {
    const parsed = parseThresholds(
      {
        kafka_writer_error_count: ['count==0', 'rate<1'],
        queue_depth: ['value<100'],
        checks: ['rate>0.99'],
        iteration_start_lag: ['p(99)<5'],
        e2e_latency: ['p(99.99)<5000'],
      },
      registry(),
    );
    assert.deepEqual(
      parsed.map((m) => m.metric.type),
      ['counter', 'gauge', 'rate', 'trend', 'trend'],
    );
  });

  it('reads sub-metric keys with several tags and quotes', () => {
    const [m] = parseThresholds({ 'e2e_latency{topic:orders, scenario:"soak test"}': ['p(95)<250'] }, registry());
    assert.equal(m!.name, 'e2e_latency{topic:orders, scenario:"soak test"}');
    assert.equal(m!.metric.name, 'e2e_latency');
    assert.deepEqual(m!.filter, { topic: 'orders', scenario: 'soak test' });
  });

  it('rejects an unknown metric, naming it and the fix', () => {
    assert.throws(
      () => parseThresholds({ 'foo{a:b}': ['count>0'] }, registry()),
      configError(/^invalid threshold on unknown metric "foo": define it in the init context \(new Trend\('foo'\)\) or fix the name$/),
    );
  });

  it('rejects aggregations the metric type does not have, listing the allowed ones', () => {
    assert.throws(
      () => parseThresholds({ checks: ['p(95)<1'] }, registry()),
      configError(/"p\(95\)<1" on "checks": "p\(95\)" is not an aggregation of rate metrics; use one of: rate$/),
    );
    assert.throws(() => parseThresholds({ iterations: ['avg<1'] }, registry()), configError(/use one of: count, rate$/));
    assert.throws(() => parseThresholds({ vus: ['max<1'] }, registry()), configError(/use one of: value$/));
    assert.throws(
      () => parseThresholds({ e2e_latency: ['count<1'] }, registry()),
      configError(/use one of: avg, min, max, med, p\(N\) with N from 0 to 100$/),
    );
    for (const bad of ['p(101)<1', 'p(-1)<1', 'p()<1', 'p(x)<1', 'P(95)<1', 'p95<1']) {
      assert.throws(() => parseThresholds({ e2e_latency: [bad] }, registry()), configError(/is not an aggregation of trend metrics/), bad);
    }
  });

  it('rejects malformed definitions', () => {
    assert.throws(() => parseThresholds({ checks: 'rate>0.9' as never }, registry()), configError(/must be a list/));
    assert.throws(() => parseThresholds({ checks: [42 as never] }, registry()), configError(/use a string like/));
    assert.throws(
      () => parseThresholds({ checks: [{ threshold: 'rate>0.9', abortOnFail: 'yes' } as never] }, registry()),
      configError(/abortOnFail .* must be true or false/),
    );
    assert.throws(
      () => parseThresholds({ checks: [{ threshold: 'rate>0.9', delayAbortEval: 'soon' }] }, registry()),
      configError(/invalid duration "soon" for delayAbortEval/),
    );
    assert.throws(() => parseThresholds({ 'checks{a:b': ['rate>0.9'] }, registry()), configError(/not closed/));
  });
});
