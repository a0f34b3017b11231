import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExecutionPlan } from '../../../runtime/executors/types.ts';
import { rampingVUs } from '../../../runtime/executors/ramping-vus.ts';
import { SEQUENCES, planOf, segmentsOf } from './plan-helpers.ts';

const scenario = (startVUs: number, stages: Array<[string | number, number]>, extra: Record<string, unknown> = {}) => ({
  executor: 'ramping-vus',
  startVUs,
  stages: stages.map(([duration, target]) => ({ duration, target })),
  ...extra,
});

type Steps = Array<{ atMs: number; vus: number }>;
const stepsOf = (plan: ExecutionPlan): Steps => {
  if (plan.type !== 'vus') throw new Error(`expected a vus plan, got ${plan.type}`);
  return plan.steps.map((s) => ({ ...s }));
};
/** The step function's value at t. */
const vusAt = (steps: Steps, t: number): number => steps.filter((s) => s.atMs <= t).at(-1)!.vus;

describe('ramping-vus', () => {
  it('ramps up at T0 + D·(u−a)/(b−a): count = floor of the line', () => {
    assert.deepEqual(stepsOf(planOf(scenario(0, [['10s', 5]]))), [
      { atMs: 0, vus: 0 },
      { atMs: 2000, vus: 1 },
      { atMs: 4000, vus: 2 },
      { atMs: 6000, vus: 3 },
      { atMs: 8000, vus: 4 },
      { atMs: 10_000, vus: 5 },
    ]);
  });

  it('ramps down with the first removal at T0 + D/(a−b): count = ceil of the line', () => {
    assert.deepEqual(stepsOf(planOf(scenario(4, [['8s', 0]]))), [
      { atMs: 0, vus: 4 },
      { atMs: 2000, vus: 3 },
      { atMs: 4000, vus: 2 },
      { atMs: 6000, vus: 1 },
      { atMs: 8000, vus: 0 },
    ]);
  });

  it('uses integer nanoseconds like k6', () => {
    const steps = stepsOf(planOf(scenario(5, [['5s', 2]])));
    // drops at 15/3… : T1 − floor(D·(u−1−b)/(a−b)) ns
    assert.deepEqual(
      steps.map((s) => s.atMs),
      [0, 1666.666667, 3333.333334, 5000],
    );
  });

  it('jumps at the end of a zero-duration stage, and holds on flat stages', () => {
    assert.deepEqual(
      stepsOf(
        planOf(
          scenario(1, [
            ['3s', 1],
            [0, 6],
            ['2s', 6],
            ['0s', 2],
          ]),
        ),
      ),
      [
        { atMs: 0, vus: 1 },
        { atMs: 3000, vus: 6 },
        { atMs: 5000, vus: 2 },
      ],
    );
    assert.deepEqual(stepsOf(planOf(scenario(3, [[0, 7]]))), [{ atMs: 0, vus: 7 }]);
  });

  it('plans maxVUs as the maximum of the profile, and the durations', () => {
    const plan = planOf(
      scenario(
        2,
        [
          ['10s', 20],
          ['10s', 5],
        ],
        { gracefulRampDown: '5s', gracefulStop: '7s' },
      ),
    );
    assert.equal(plan.type, 'vus');
    if (plan.type !== 'vus') return;
    assert.equal(plan.maxVUs, 20);
    assert.equal(plan.durationMs, 20_000);
    assert.equal(plan.gracefulRampDownMs, 5000);
    const config = rampingVUs.parse('x', scenario(2, [['10s', 20]], { gracefulStop: '7s' }));
    assert.equal(config.gracefulRampDownMs, 30_000);
    assert.equal(rampingVUs.maxDurationMs(config), 17_000);
  });

  it('ends at the last change of VU count: trailing stages at 0 add nothing (docs/k6-compatibility.md#scenarios-and-executors)', () => {
    const plan = planOf(
      scenario(
        3,
        [
          ['2s', 3],
          ['0s', 0],
          ['2s', 0],
        ],
        { gracefulRampDown: '1s' },
      ),
    );
    assert.equal(plan.type === 'vus' && plan.durationMs, 2000);
    const rampedToZero = planOf(
      scenario(4, [
        ['8s', 0],
        ['5s', 0],
      ]),
    );
    assert.equal(rampedToZero.type === 'vus' && rampedToZero.durationMs, 8000);
    // a profile still above 0 at the end runs all its stages
    const holding = planOf(
      scenario(3, [
        ['2s', 3],
        ['2s', 1],
      ]),
    );
    assert.equal(holding.type === 'vus' && holding.durationMs, 4000);
    // the VUs that left at 2s get gracefulRampDown, not gracefulStop (30s)
    assert.equal(plan.type === 'vus' && plan.gracefulStopMs, 1000);
    // …cut where stages end + gracefulStop, if that comes first
    const cut = planOf(
      scenario(
        3,
        [
          ['2s', 3],
          ['0s', 0],
          ['2s', 0],
        ],
        { gracefulRampDown: '1m', gracefulStop: '5s' },
      ),
    );
    assert.equal(cut.type === 'vus' && cut.gracefulStopMs, 2000 + 5000);
    assert.equal(holding.type === 'vus' && holding.gracefulStopMs, 30_000);
    // in a segment, its own last change counts (k6 scales the raw steps per segment)
    const [first] = segmentsOf('0,1/2,1').map((s) =>
      planOf(
        scenario(2, [
          ['4s', 0],
          ['4s', 0],
        ]),
        s,
      ),
    );
    assert.equal(first!.type === 'vus' && first.durationMs, 4000);
  });

  it('defaults startVUs to 1', () => {
    assert.equal(rampingVUs.parse('x', { executor: 'ramping-vus', stages: [{ duration: '1s', target: 0 }] }).startVUs, 1);
  });

  for (const seq of SEQUENCES) {
    it(`segments of ${seq} sum to the whole profile at every moment`, () => {
      const raw = scenario(3, [
        ['7s', 23],
        ['3s', 23],
        ['0s', 9],
        ['5s', 31],
        ['6s', 0],
      ]);
      const whole = stepsOf(planOf(raw));
      const parts = segmentsOf(seq).map((s) => stepsOf(planOf(raw, s)));
      const times = [...new Set([...whole, ...parts.flat()].map((s) => s.atMs))];
      for (const t of times) {
        assert.equal(
          parts.reduce((sum, steps) => sum + vusAt(steps, t), 0),
          vusAt(whole, t),
          `t=${t}`,
        );
      }
      const maxes = segmentsOf(seq).map((s) => {
        const p = planOf(raw, s);
        return p.type === 'vus' ? p.maxVUs : 0;
      });
      assert.equal(
        maxes.reduce((a, b) => a + b),
        31,
      );
      for (const steps of parts) {
        assert.equal(steps[0]!.atMs, 0);
        for (let n = 1; n < steps.length; n++) {
          assert.ok(steps[n]!.atMs > steps[n - 1]!.atMs);
          assert.notEqual(steps[n]!.vus, steps[n - 1]!.vus);
        }
      }
    });
  }
});
