import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_METRICS, defineBuiltinMetrics, ITERATION_DURATION, ITERATION_START_LAG } from '../../../runtime/metrics/builtin.ts';
import { MetricRegistry } from '../../../runtime/metrics/registry.ts';

describe('MetricRegistry', () => {
  it('defines a metric with default contains and returns the same def for the same name and type', () => {
    const r = new MetricRegistry();
    const a = r.define('my_trend', 'trend');
    assert.deepEqual(a, { name: 'my_trend', type: 'trend', contains: 'default' });
    assert.equal(r.define('my_trend', 'trend'), a);
    assert.equal(r.define('my_trend', 'trend', 'default'), a);
    assert.equal(r.get('my_trend'), a);
    assert.deepEqual(r.all(), [a]);
  });

  it('rejects a second definition with another type or value type', () => {
    const r = new MetricRegistry();
    r.define('x1', 'counter');
    assert.throws(() => r.define('x1', 'trend'), { message: /^metric 'x1' already exists but with type counter/ });
    r.define('t1', 'trend', 'time');
    assert.throws(() => r.define('t1', 'trend', 'default'), { message: /^metric 't1' already exists but with type trend/ });
    assert.equal(r.define('t1', 'trend').contains, 'time');
  });

  it("applies k6's name rule", () => {
    const r = new MetricRegistry();
    for (const ok of ['ab', '_a', 'A_1', 'a'.repeat(129)]) assert.equal(r.define(ok, 'counter').name, ok);
    for (const bad of ['a', '1a', 'a-b', 'a.b', 'a b', '', 'a'.repeat(130), 'ä1']) {
      assert.throws(() => r.define(bad, 'counter'), { message: /^Invalid metric name/ }, bad);
    }
  });

  it('defines the built-in metrics, including iteration_start_lag', () => {
    const r = new MetricRegistry();
    defineBuiltinMetrics(r);
    assert.equal(r.all().length, BUILTIN_METRICS.length);
    assert.deepEqual(r.get('iteration_duration'), ITERATION_DURATION);
    assert.deepEqual(r.get('iteration_start_lag'), ITERATION_START_LAG);
    assert.equal(r.get('checks')?.type, 'rate');
    assert.equal(r.get('data_sent')?.contains, 'data');
    assert.equal(r.get('http_req_failed')?.type, 'rate');
    assert.throws(() => r.define('iteration_duration', 'trend', 'default'));
  });
});
