import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { segmentContext } from '../../../runtime/executors/segment.ts';
import { constantArrivalRate } from '../../../runtime/executors/constant-arrival-rate.ts';
import { SEQUENCES, planOf, segmentsOf, startsOf, unionOfStarts } from './plan-helpers.ts';

const scenario = (extra: Record<string, unknown> = {}) => ({
  executor: 'constant-arrival-rate',
  rate: 10,
  duration: '1s',
  preAllocatedVUs: 5,
  ...extra,
});

describe('constant-arrival-rate', () => {
  it('starts 10/s for 1s at 0, 100ms, …, 900ms', () => {
    const starts = startsOf(planOf(scenario()));
    assert.deepEqual(
      starts.map((s) => s.atMs),
      [0, 100, 200, 300, 400, 500, 600, 700, 800, 900],
    );
    assert.deepEqual(
      starts.map((s) => s.iterationInTest),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
  });

  it('uses the exact period: 3 per 1s over 1s gives 3 starts, nothing at the end', () => {
    const starts = startsOf(planOf(scenario({ rate: 3 })));
    assert.equal(starts.length, 3);
    assert.deepEqual(
      starts.map((s) => s.atMs.toFixed(6)),
      ['0.000000', '333.333333', '666.666667'],
    );
  });

  it('honours timeUnit: 1 per 250ms over 2s', () => {
    const starts = startsOf(planOf(scenario({ rate: 1, timeUnit: '250ms', duration: '2s' })));
    assert.deepEqual(
      starts.map((s) => s.atMs),
      [0, 250, 500, 750, 1000, 1250, 1500, 1750],
    );
  });

  it('keeps stopping short of the end for fractional periods', () => {
    const starts = startsOf(planOf(scenario({ rate: 7, timeUnit: '3s', duration: '10s' })));
    // k·3000/7 < 10000 ⇔ k < 23.33
    assert.equal(starts.length, 24);
    assert.ok(starts.at(-1)!.atMs < 10_000);
  });

  it('plans the VU pool and durations', () => {
    const plan = planOf(scenario({ maxVUs: 9 }));
    assert.equal(plan.type, 'arrival');
    if (plan.type !== 'arrival') return;
    assert.equal(plan.preAllocatedVUs, 5);
    assert.equal(plan.maxVUs, 9);
    assert.equal(plan.durationMs, 1000);
    const config = constantArrivalRate.parse('x', scenario());
    assert.equal(config.maxVUs, 5);
    assert.equal(constantArrivalRate.maxDurationMs(config), 31_000);
  });

  for (const seq of SEQUENCES) {
    it(`segments of ${seq} together start exactly the unsegmented schedule`, () => {
      const raw = scenario({ rate: 37, duration: '3s', preAllocatedVUs: 11, maxVUs: 23 });
      assert.deepEqual(unionOfStarts(raw, seq), startsOf(planOf(raw)));
      const plans = segmentsOf(seq).map((s) => planOf(raw, s));
      const sum = (pick: (p: { preAllocatedVUs: number; maxVUs: number }) => number) =>
        plans.reduce((acc, p) => acc + (p.type === 'arrival' ? pick(p) : 0), 0);
      assert.equal(
        sum((p) => p.preAllocatedVUs),
        11,
      );
      assert.equal(
        sum((p) => p.maxVUs),
        23,
      );
    });
  }

  it('takes the striped slots with the unscaled period', () => {
    const starts = startsOf(planOf(scenario({ preAllocatedVUs: 4 }), segmentContext('0:1/2', '0,1/2,1')));
    assert.deepEqual(
      starts.map((s) => s.atMs),
      [0, 200, 400, 600, 800],
    );
  });

  it('stripes the slots over the sequence re-segmented by maxVUs, as k6 (docs/k6-compatibility.md#execution-segments)', () => {
    // maxVUs 5 over 0:1/2, 1/2:1 gives 3 + 2 VUs: the sequence becomes 0,3/5,1
    const halves = segmentsOf('0,1/2,1').map((s) => startsOf(planOf(scenario(), s)));
    assert.deepEqual(
      halves.map((starts) => starts.map((s) => s.iterationInTest)),
      [
        [0, 2, 4, 5, 7, 9],
        [1, 3, 6, 8],
      ],
    );
  });

  it('starts nothing in a segment with no share of maxVUs', () => {
    const raw = scenario({ preAllocatedVUs: 1 });
    const [first, second] = segmentsOf('0,1/2,1').map((s) => planOf(raw, s));
    assert.equal(startsOf(first!).length, 10);
    assert.equal(second!.type === 'arrival' && second.maxVUs, 0);
    assert.deepEqual(startsOf(second!), []);
  });
});
