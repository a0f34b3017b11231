import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sustainableThroughputProfile } from '../../../lib/profiles.ts';
import { judgeSteps, slopePerSecond, type Sample } from '../../../lib/sustainable.ts';

test('stepped profile: each level ramped to, then held; the holds are returned for judging', () => {
  const { scenarios, steps } = sustainableThroughputProfile({
    startEventsPerSecond: 1000,
    stepEventsPerSecond: 500,
    steps: 3,
    stepRamp: '5s',
    stepDuration: '20s',
    eventsPerIteration: 100,
  });
  assert.deepEqual(steps, [
    { eventsPerSecond: 1000, holdFromMs: 5000, holdToMs: 25_000 },
    { eventsPerSecond: 1500, holdFromMs: 30_000, holdToMs: 50_000 },
    { eventsPerSecond: 2000, holdFromMs: 55_000, holdToMs: 75_000 },
  ]);
  assert.deepEqual(
    scenarios.sustainable!.stages.map((s) => s.target),
    [10, 10, 15, 15, 20, 20],
  );
  assert.throws(
    () => sustainableThroughputProfile({ startEventsPerSecond: 1, stepEventsPerSecond: 1, steps: 0 }),
    /steps must be a whole number/,
  );
});

test('the sustainable rate is the last step before latency starts to grow', () => {
  const { steps } = sustainableThroughputProfile({
    startEventsPerSecond: 1000,
    stepEventsPerSecond: 1000,
    steps: 3,
    stepRamp: '1s',
    stepDuration: '10s',
  });
  const latency: Sample[] = [];
  for (let t = 0; t < 33_000; t += 500) {
    const growing = t >= steps[2]!.holdFromMs ? (t - steps[2]!.holdFromMs) * 0.1 : 0; // +100 ms/s in step 3
    latency.push({ atMs: t, value: 400 + (t % 1000 === 0 ? 20 : -20) + growing });
  }
  const v = judgeSteps(steps, latency);
  assert.equal(v.sustainableEventsPerSecond, 2000);
  assert.deepEqual(
    v.steps.map((s) => s.ok),
    [true, true, false],
  );
  assert.match(v.steps[2]!.why, /latency grows (99|100)\.\d ms\/s/);
  assert.equal(judgeSteps(steps, []).sustainableEventsPerSecond, 0);
  assert.equal(
    slopePerSecond([
      { atMs: 0, value: 1 },
      { atMs: 2000, value: 5 },
    ]),
    2,
  );
});
