import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../runtime/errors.ts';
import { checkExecFunctions, hasWork, planScenarios, plannedVUs } from '../../../runtime/execution/scheduler.ts';
import { SegmentContext, segmentContext } from '../../../runtime/executors/segment.ts';
import { consolidate } from '../../../runtime/options/consolidate.ts';

const optionsOf = (script: unknown) => consolidate({ env: {}, cli: {}, script });

describe('planning the scenarios of a thread', () => {
  it('each scenario runs from its startTime to its end plus gracefulStop', () => {
    const options = optionsOf({
      scenarios: {
        first: { executor: 'constant-vus', vus: 3, duration: '10s' },
        later: { executor: 'per-vu-iterations', vus: 2, iterations: 1, startTime: '5s', maxDuration: '1m', gracefulStop: '0s' },
      },
    });
    const planned = planScenarios(options, SegmentContext.full);
    assert.deepEqual(
      planned.map((p) => [p.config.name, p.vus, p.fromMs, p.toMs]),
      [
        ['first', 3, 0, 40_000],
        ['later', 2, 5_000, 65_000],
      ],
    );
  });

  it('VUs to initialise: the most that overlapping scenarios hold; arrival rates count their pre-allocated VUs', () => {
    const options = optionsOf({
      scenarios: {
        a: { executor: 'constant-vus', vus: 3, duration: '10s', gracefulStop: '0s' },
        b: { executor: 'constant-vus', vus: 4, duration: '10s', startTime: '5s', gracefulStop: '0s' },
        c: {
          executor: 'constant-arrival-rate',
          rate: 10,
          duration: '10s',
          preAllocatedVUs: 2,
          maxVUs: 50,
          startTime: '10s',
          gracefulStop: '0s',
        },
      },
    });
    // a and b overlap (7); b and c overlap (4 + 2); a has ended when c starts
    assert.equal(plannedVUs(planScenarios(options, SegmentContext.full)), 7);
  });

  it('a segment with no share of a scenario has no work (k6 skips it with a warning)', () => {
    const options = optionsOf({ scenarios: { one: { executor: 'shared-iterations', vus: 1, iterations: 10 } } });
    const [first] = planScenarios(options, segmentContext('0:1/2'));
    const [second] = planScenarios(options, segmentContext('1/2:1'));
    assert.equal(hasWork(first!.plan), true);
    assert.equal(hasWork(second!.plan), false);
  });
});

describe('checkExecFunctions', () => {
  const options = optionsOf({ scenarios: { s: { executor: 'constant-vus', vus: 1, duration: '1s', exec: 'verify' } } });

  it('passes when every scenario’s function is exported', () => {
    checkExecFunctions(options, { verify: () => undefined });
  });

  it('names the scenario and the missing function (exit 104)', () => {
    assert.throws(
      () => checkExecFunctions(options, { default: () => undefined }),
      (e: unknown) =>
        e instanceof ConfigError && /scenario "s" runs "verify", but the script does not export a function named "verify"/.test(e.message),
    );
  });
});
