import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constantVUs } from '../../../runtime/executors/constant-vus.ts';
import { perVUIterations } from '../../../runtime/executors/per-vu-iterations.ts';
import { sharedIterations } from '../../../runtime/executors/shared-iterations.ts';
import { hasWork } from '../../../runtime/execution/scheduler.ts';
import { SegmentContext, segmentContext } from '../../../runtime/executors/segment.ts';
import { SEQUENCES, planOf, segmentsOf } from './plan-helpers.ts';

describe('shared-iterations', () => {
  it('defaults to 1 VU, 1 iteration, maxDuration 10m, gracefulStop 30s', () => {
    const config = sharedIterations.parse('x', { executor: 'shared-iterations' });
    assert.deepEqual(
      [config.vus, config.iterations, config.maxDurationMs, config.gracefulStopMs, config.startTimeMs, config.exec],
      [1, 1, 600_000, 30_000, 0, 'default'],
    );
    assert.equal(sharedIterations.maxDurationMs(config), 630_000);
    assert.deepEqual(planOf({ executor: 'shared-iterations', vus: 3, iterations: 10 }), {
      type: 'shared-iterations',
      vus: 3,
      iterations: 10,
      iterationSegment: SegmentContext.full,
      maxDurationMs: 600_000,
    });
  });

  it('shares iterations by the sequence re-segmented by vus: 5 VUs × 100 over 0:1/3, 1/3:1 is 40 + 60 (docs/k6-compatibility.md#execution-segments)', () => {
    const raw = { executor: 'shared-iterations', vus: 5, iterations: 100 };
    const plans = ['0:1/3', '1/3:1'].map((s) => planOf(raw, segmentContext(s)));
    assert.deepEqual(
      plans.map((p) => (p.type === 'shared-iterations' ? [p.vus, p.iterations] : [])),
      [
        [2, 40],
        [3, 60],
      ],
    );
    // iteration numbers stripe over 0:2/5, 2/5:1
    const numbers = plans.map((p) => (p.type === 'shared-iterations' ? [0, 1, 2, 3].map((n) => p.iterationSegment.globalIndex(n)) : []));
    assert.deepEqual(numbers, [
      [1, 3, 6, 8],
      [0, 2, 4, 5],
    ]);
  });

  it('gives a segment without VUs no iterations and no work', () => {
    const plans = segmentsOf('0,1/2,1').map((s) => planOf({ executor: 'shared-iterations', vus: 1, iterations: 10 }, s));
    assert.deepEqual(
      plans.map((p) => (p.type === 'shared-iterations' ? [p.vus, p.iterations] : [])),
      [
        [1, 10],
        [0, 0],
      ],
    );
    assert.deepEqual(plans.map(hasWork), [true, false]);
  });

  for (const seq of SEQUENCES) {
    it(`splits VUs and iterations over ${seq} without loss`, () => {
      const plans = segmentsOf(seq).map((s) => planOf({ executor: 'shared-iterations', vus: 7, iterations: 101 }, s));
      const sum = (f: (p: { vus: number; iterations: number }) => number) =>
        plans.reduce((acc, p) => acc + (p.type === 'shared-iterations' ? f(p) : 0), 0);
      assert.equal(
        sum((p) => p.vus),
        7,
      );
      assert.equal(
        sum((p) => p.iterations),
        101,
      );
      for (const p of plans) assert.ok(p.type === 'shared-iterations' && p.iterations >= p.vus);
    });
  }
});

describe('per-vu-iterations', () => {
  it('runs iterations per VU; segments split the VUs only', () => {
    const raw = { executor: 'per-vu-iterations', vus: 5, iterations: 4, maxDuration: '1m' };
    assert.deepEqual(planOf(raw), { type: 'per-vu-iterations', vus: 5, iterationsPerVU: 4, maxDurationMs: 60_000 });
    const plans = segmentsOf('0,1/4,1/2,1').map((s) => planOf(raw, s));
    assert.equal(
      plans.reduce((acc, p) => acc + (p.type === 'per-vu-iterations' ? p.vus * p.iterationsPerVU : 0), 0),
      20,
    );
    assert.equal(perVUIterations.maxDurationMs(perVUIterations.parse('x', raw)), 90_000);
  });
});

describe('constant-vus', () => {
  it('holds vus for duration', () => {
    const raw = { executor: 'constant-vus', vus: 10, duration: '1m30s', gracefulStop: 0 };
    assert.deepEqual(planOf(raw), {
      type: 'vus',
      maxVUs: 10,
      durationMs: 90_000,
      gracefulRampDownMs: 0,
      gracefulStopMs: 0,
      steps: [{ atMs: 0, vus: 10 }],
    });
    assert.equal(constantVUs.maxDurationMs(constantVUs.parse('x', raw)), 90_000);
    const plans = segmentsOf('0,1/3,2/3,1').map((s) => planOf(raw, s));
    assert.deepEqual(
      plans.map((p) => (p.type === 'vus' ? p.maxVUs : -1)),
      [4, 3, 3],
    );
  });
});
