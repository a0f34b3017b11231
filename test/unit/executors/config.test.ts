import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../runtime/errors.ts';
import { executors, getExecutor, parseScenario } from '../../../runtime/executors/index.ts';

const rejects = (raw: unknown, message: string | RegExp, name = 'load') =>
  assert.throws(
    () => parseScenario(name, raw),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError, String(e));
      assert.equal(e.exitCode, 104);
      if (typeof message === 'string') assert.equal(e.message, message);
      else assert.match(e.message, message);
      return true;
    },
  );

describe('scenario parsing', () => {
  it('reads the common options', () => {
    const config = parseScenario('ingest_1', {
      executor: 'constant-vus',
      duration: '10s',
      startTime: '1m',
      gracefulStop: '5s',
      exec: 'produce',
      env: { TOPIC: 'orders' },
      tags: { kind: 'write' },
      options: { browser: { type: 'chromium' } },
    });
    assert.deepEqual(config, {
      name: 'ingest_1',
      executor: 'constant-vus',
      startTimeMs: 60_000,
      gracefulStopMs: 5000,
      exec: 'produce',
      env: { TOPIC: 'orders' },
      tags: { kind: 'write' },
      vus: 1,
      durationMs: 10_000,
    });
  });

  it('knows every executor by name', () => {
    assert.deepEqual(Object.keys(executors).sort(), [
      'constant-arrival-rate',
      'constant-vus',
      'per-vu-iterations',
      'ramping-arrival-rate',
      'ramping-vus',
      'shared-iterations',
    ]);
    for (const [name, executor] of Object.entries(executors)) assert.equal(executor.name, name);
  });

  it('rejects unknown executors, and externally-controlled as removed', () => {
    assert.throws(() => getExecutor('foo', 'x'), {
      message:
        'scenario "x": unknown executor "foo"; use one of shared-iterations, per-vu-iterations, constant-vus, ramping-vus, constant-arrival-rate, ramping-arrival-rate',
    });
    rejects({ executor: 'externally-controlled', vus: 1 }, /"externally-controlled" was removed in k6 v2/);
    rejects({ vus: 1 }, /scenario "load": "executor" is required; use one of shared-iterations/);
    rejects('constant-vus', /must be an object/);
  });

  it('rejects unknown keys', () => {
    rejects(
      { executor: 'constant-vus', duration: '10s', rate: 5 },
      'scenario "load": unknown option "rate" for executor constant-vus; valid options: vus, duration, executor, startTime, gracefulStop, exec, env, tags, options',
    );
    rejects({ executor: 'ramping-vus', stages: [{ duration: '1s', target: 1, foo: 2 }] }, /unknown option "foo" in "stages\[0\]"/);
  });

  it('rejects bad names', () => {
    rejects({ executor: 'constant-vus', duration: '1s' }, /scenario name "my load" is invalid/, 'my load');
  });

  it('rejects negative or malformed durations', () => {
    rejects({ executor: 'constant-vus', duration: '10s', startTime: '-1s' }, 'scenario "load": "startTime" can\'t be negative, got -1s');
    rejects({ executor: 'constant-vus', duration: '10s', gracefulStop: -5 }, /"gracefulStop" can't be negative/);
    rejects(
      { executor: 'constant-vus', duration: '10 s' },
      'scenario "load": invalid duration "10 s" for "duration"; use Go syntax like "30s", "1m30s" or "500ms"',
    );
    rejects({ executor: 'constant-vus', duration: '500ms' }, 'scenario "load": "duration" must be at least 1s, got 500ms');
    rejects({ executor: 'constant-vus' }, /"duration" is required/);
    rejects({ executor: 'shared-iterations', maxDuration: '0.5s' }, /"maxDuration" must be at least 1s/);
    rejects(
      { executor: 'constant-arrival-rate', rate: 1, duration: '1s', preAllocatedVUs: 1, timeUnit: 0 },
      /"timeUnit" must be greater than 0/,
    );
    rejects({ executor: 'ramping-vus', stages: [{ duration: '-1s', target: 1 }] }, /"stages\[0\].duration" can't be negative/);
  });

  it('validates numbers', () => {
    rejects(
      { executor: 'constant-arrival-rate', rate: -1, duration: '1s', preAllocatedVUs: 1 },
      'scenario "load": "rate" must be a positive integer, got -1',
    );
    rejects({ executor: 'constant-arrival-rate', duration: '1s', preAllocatedVUs: 1 }, /"rate" is required/);
    rejects({ executor: 'constant-arrival-rate', rate: 1, duration: '1s' }, /"preAllocatedVUs" is required/);
    rejects({ executor: 'constant-vus', vus: 0, duration: '1s' }, /"vus" must be a positive integer, got 0/);
    rejects({ executor: 'constant-vus', vus: 1.5, duration: '1s' }, /"vus" must be a positive integer, got 1.5/);
    rejects({ executor: 'constant-vus', vus: '2', duration: '1s' }, /"vus" must be a positive integer, got "2"/);
    rejects(
      { executor: 'ramping-arrival-rate', startRate: -1, stages: [{ duration: '1s', target: 1 }], preAllocatedVUs: 1 },
      /"startRate" must be a non-negative integer/,
    );
  });

  it('rejects maxVUs below preAllocatedVUs', () => {
    rejects(
      { executor: 'ramping-arrival-rate', stages: [{ duration: '1s', target: 1 }], preAllocatedVUs: 10, maxVUs: 5 },
      'scenario "load": "maxVUs" (5) can\'t be less than "preAllocatedVUs" (10); raise maxVUs or omit it',
    );
  });

  it('rejects fewer iterations than VUs', () => {
    rejects({ executor: 'shared-iterations', vus: 5, iterations: 2 }, /"iterations" \(2\) can't be less than "vus" \(5\)/);
  });

  it('validates stages', () => {
    rejects({ executor: 'ramping-vus', stages: [] }, /"stages" must be a non-empty array/);
    rejects({ executor: 'ramping-vus' }, /"stages" must be a non-empty array/);
    rejects({ executor: 'ramping-vus', stages: [{ target: 1 }] }, /"stages\[0\].duration" is required/);
    rejects({ executor: 'ramping-vus', stages: [{ duration: '1s' }] }, /"stages\[0\].target" is required/);
    rejects({ executor: 'ramping-vus', stages: [{ duration: '1s', target: -1 }] }, /"stages\[0\].target" must be a non-negative integer/);
    rejects(
      { executor: 'ramping-vus', startVUs: 0, stages: [{ duration: '1s', target: 0 }] },
      /either "startVUs" or one of the stages' "target"/,
    );
  });

  it('validates env, tags and exec', () => {
    rejects({ executor: 'constant-vus', duration: '1s', env: { A: 1 } }, /"env".A must be a string, got 1/);
    rejects({ executor: 'constant-vus', duration: '1s', tags: ['a'] }, /"tags" must be an object/);
    rejects({ executor: 'constant-vus', duration: '1s', exec: '' }, /"exec" must be the name of an exported function/);
  });
});
