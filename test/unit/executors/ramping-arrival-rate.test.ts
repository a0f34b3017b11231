import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rampingArrivalRate } from '../../../runtime/executors/ramping-arrival-rate.ts';
import { SEQUENCES, planOf, segmentsOf, startsOf, unionOfStarts } from './plan-helpers.ts';

const scenario = (stages: Array<[string, number]>, extra: Record<string, unknown> = {}) => ({
  executor: 'ramping-arrival-rate',
  preAllocatedVUs: 10,
  stages: stages.map(([duration, target]) => ({ duration, target })),
  ...extra,
});

const near = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: ${actual} ≠ ${expected}`);

describe('ramping-arrival-rate', () => {
  it('computes the worked example: 2/s, [5s→2, 5s→3] ⇒ 22 starts', () => {
    const starts = startsOf(
      planOf(
        scenario(
          [
            ['5s', 2],
            ['5s', 3],
          ],
          { startRate: 2 },
        ),
      ),
    );
    assert.equal(starts.length, 22);
    assert.deepEqual(
      starts.slice(0, 10).map((s) => s.atMs),
      [500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000],
    );
    // i = 11…22 at 5 + (√(10·i) − 10) s
    for (const [n, s] of starts.slice(10).entries()) near(s.atMs, 5000 + (Math.sqrt(10 * (n + 11)) - 10) * 1000, `i=${n + 11}`);
    near(starts[10]!.atMs, 5488.088482, 'i=11');
    near(starts[11]!.atMs, 5954.45115, 'i=12');
    near(starts[21]!.atMs, 9832.396974, 'i=22');
    assert.deepEqual(
      starts.map((s) => s.iterationInTest),
      [...Array(22).keys()],
    );
  });

  it('starts the first iteration when the integral reaches 1, not at 0', () => {
    const starts = startsOf(planOf(scenario([['10s', 1]])));
    // ramp 0→1/s over 10s: ∫ = t²/20 ⇒ i at √(20·i)
    assert.equal(starts.length, 4); // ∫ over 10s = 5, and the 5th would land exactly on the end
    for (const [n, s] of starts.entries()) near(s.atMs, Math.sqrt(20 * (n + 1)) * 1000, `i=${n + 1}`);
  });

  it('never starts at or after the regular end', () => {
    const flat = startsOf(planOf(scenario([['2s', 5]], { startRate: 5 })));
    assert.equal(flat.length, 9); // 10th would be at exactly 2s
    assert.equal(flat.at(-1)!.atMs, 1800);
  });

  it('carries fractional leftovers into the next stage', () => {
    // stage 1: flat 7/s for 1.4s ⇒ 9.8 expected; the 10th comes when the 7→10/s ramp adds 0.2:
    // 7t + 1.5t² = 0.2 ⇒ t = (√(49 + 1.2) − 7)/3 s
    const starts = startsOf(
      planOf(
        scenario(
          [
            ['1.4s', 7],
            ['1s', 10],
            ['1s', 10],
          ],
          { startRate: 7 },
        ),
      ),
    );
    assert.equal(starts.filter((s) => s.atMs < 1400).length, 9);
    near(starts[9]!.atMs, 1400 + ((Math.sqrt(49 + 1.2) - 7) / 3) * 1000, '10th');
  });

  it('handles ramp-downs, zero-rate and zero-duration stages', () => {
    const starts = startsOf(
      planOf(
        scenario(
          [
            ['2s', 0],
            ['0s', 4],
            ['1s', 4],
            ['2s', 0],
            ['1s', 0],
          ],
          { startRate: 4, timeUnit: '1s' },
        ),
      ),
    );
    // ∫: stage1 4→0 over 2s = 4; stage3 flat 4 over 1s = 4; stage4 4→0 over 2s = 4 ⇒ 12, the 12th at 5s < 6s
    assert.equal(starts.length, 12);
    near(starts[3]!.atMs, 2000, '4th at the end of the first ramp-down');
    assert.equal(starts[7]!.atMs, 3000);
    assert.equal(starts[11]!.atMs, 5000);
    for (let n = 1; n < starts.length; n++) assert.ok(starts[n]!.atMs >= starts[n - 1]!.atMs);
  });

  it('honours timeUnit: 60 per minute equals 1 per second', () => {
    const perMinute = startsOf(planOf(scenario([['10s', 120]], { startRate: 60, timeUnit: '1m' })));
    const perSecond = startsOf(planOf(scenario([['10s', 2]], { startRate: 1 })));
    assert.equal(perMinute.length, perSecond.length);
    for (const [n, s] of perMinute.entries()) near(s.atMs, perSecond[n]!.atMs, `n=${n}`);
  });

  it('totals about Σ dur·(start+end)/2', () => {
    const starts = startsOf(
      planOf(
        scenario(
          [
            ['30s', 100],
            ['1m', 100],
            ['30s', 0],
          ],
          { startRate: 0 },
        ),
      ),
    );
    assert.equal(starts.length, 1500 + 6000 + 1500 - 1); // the last lands on the end
  });

  for (const seq of SEQUENCES) {
    it(`segments of ${seq} together start exactly the unsegmented schedule`, () => {
      const raw = scenario(
        [
          ['3s', 50],
          ['1.3s', 50],
          ['0s', 13],
          ['2.7s', 13],
          ['2s', 0],
        ],
        {
          startRate: 7,
          preAllocatedVUs: 13,
          maxVUs: 29,
        },
      );
      const whole = startsOf(planOf(raw));
      assert.ok(whole.length > 150);
      assert.deepEqual(unionOfStarts(raw, seq), whole);
      const plans = segmentsOf(seq).map((s) => planOf(raw, s));
      assert.equal(
        plans.reduce((acc, p) => acc + (p.type === 'arrival' ? p.preAllocatedVUs : 0), 0),
        13,
      );
      assert.equal(
        plans.reduce((acc, p) => acc + (p.type === 'arrival' ? p.maxVUs : 0), 0),
        29,
      );
    });
  }

  it('worker parts of every instance together start exactly the unsegmented schedule', () => {
    const raw = scenario(
      [
        ['2s', 40],
        ['2s', 5],
      ],
      { startRate: 3 },
    );
    const union = segmentsOf('0,1/4,1/2,1')
      .flatMap((instance) => instance.split(3))
      .flatMap((part) => startsOf(planOf(raw, part)))
      .sort((a, b) => a.iterationInTest - b.iterationInTest);
    assert.deepEqual(union, startsOf(planOf(raw)));
  });

  it('re-segments by maxVUs: a segment with no share starts nothing, the other everything', () => {
    const raw = scenario(
      [
        ['5s', 2],
        ['5s', 3],
      ],
      { startRate: 2, preAllocatedVUs: 1 },
    );
    const [first, second] = segmentsOf('0,1/3,1').map((s) => startsOf(planOf(raw, s)));
    // maxVUs 1 over 0,1/3,1: ScaleInt64 gives 0 and 1
    assert.deepEqual(first, []);
    assert.deepEqual(second, startsOf(planOf(raw)));
    assert.equal(second!.length, 22);
  });

  it('reports durations', () => {
    const config = rampingArrivalRate.parse(
      'x',
      scenario(
        [
          ['5s', 2],
          ['5s', 3],
        ],
        { gracefulStop: '10s' },
      ),
    );
    assert.equal(rampingArrivalRate.maxDurationMs(config), 20_000);
    const plan = rampingArrivalRate.plan(config, segmentsOf('0,1')[0]!);
    assert.equal(plan.type === 'arrival' && plan.durationMs, 10_000);
  });
});
