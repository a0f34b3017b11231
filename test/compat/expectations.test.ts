import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareExport, parseExpectation, scriptOf } from './expectations.ts';

const expectation = (extra: Record<string, unknown> = {}) =>
  parseExpectation(
    {
      description: 'd',
      source: 's',
      exitCode: 0,
      metrics: {
        iterations: { count: 40 },
        'hits{kind:b}': { count: 2, thresholds: { 'count < 1': true } },
        ok: { value: 0.75, passes: 6 },
        dropped_iterations: null,
      },
      ...extra,
    },
    'x.json',
  );

const exported = {
  metrics: {
    iterations: { count: 40, rate: 12.5 },
    'hits{kind:b}': { count: 2, rate: 1, thresholds: { 'count < 1': true } },
    ok: { value: 0.75, passes: 6, fails: 2 },
  },
};

describe('compat expectations', () => {
  it('matches an export holding the expected values (extra fields and metrics are fine)', () => {
    assert.deepEqual(compareExport(expectation(), exported), []);
  });

  it('names every difference: values, missing metrics and fields, verdicts, metrics that must be absent', () => {
    const export2 = {
      metrics: {
        iterations: { count: 41 },
        'hits{kind:b}': { count: 2, thresholds: { 'count < 1': false } },
        ok: { passes: 6 },
        dropped_iterations: { count: 1 },
      },
    };
    assert.deepEqual(compareExport(expectation(), export2), [
      'iterations.count: expected 40, got 41',
      'hits{kind:b}.thresholds["count < 1"]: expected failed, got passed',
      'ok.value: expected 0.75, got undefined',
      'dropped_iterations: expected absent, got {"count":1}',
    ]);
    assert.deepEqual(compareExport(expectation(), { metrics: {} }), [
      'iterations: missing from the export',
      'hits{kind:b}: missing from the export',
      'ok: missing from the export',
    ]);
    assert.deepEqual(compareExport(expectation(), {}), ['the export has no "metrics" object']);
  });

  it('applies a tolerance per metric field', () => {
    const loose = expectation({ tolerance: { 'iterations.count': 1 } });
    assert.deepEqual(compareExport(loose, { ...exported, metrics: { ...exported.metrics, iterations: { count: 41 } } }), []);
    assert.deepEqual(compareExport(loose, { ...exported, metrics: { ...exported.metrics, iterations: { count: 42 } } }), [
      'iterations.count: expected 40 ± 1, got 42',
    ]);
  });

  it('defaults args and env, and rejects malformed files naming the key', () => {
    const e = expectation();
    assert.deepEqual([e.args, e.env, e.tolerance], [[], {}, {}]);
    assert.throws(() => parseExpectation({ description: 'd', source: 's', metrics: {} }, 'a.json'), /a\.json: "exitCode" must be a number/);
    assert.throws(() => expectation({ args: ['--x', 1] }), /"args" must be an array of strings/);
    assert.throws(() => expectation({ metrics: { iterations: { count: '40' } } }), /"iterations"\.count must be a number/);
    assert.throws(() => expectation({ source: undefined }), /"source" must be a string/);
  });

  it('finds the script from the file name unless named', () => {
    assert.equal(scriptOf({}, 'expected/shared-iterations.first-third.json'), 'shared-iterations.js');
    assert.equal(scriptOf({}, 'ramping-vus.json'), 'ramping-vus.js');
    assert.equal(scriptOf({ script: 'other.js' }, 'x.variant.json'), 'other.js');
  });
});
