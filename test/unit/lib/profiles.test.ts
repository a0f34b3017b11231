import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  batchForRate,
  arrivalRateScenario,
  breakpointProfile,
  loadProfile,
  scenarioTotals,
  soakProfile,
  spikeProfile,
  stressProfile,
} from '../../../lib/profiles.ts';

describe('profile builders', () => {
  test('load: events/s ÷ batch = iterations/s; totals follow the trapezoid rule', () => {
    const { load } = loadProfile({ eventsPerSecond: 10_000, eventsPerIteration: 100, rampUp: '10s', duration: '1m' });
    assert.ok(load);
    assert.deepEqual(load.stages, [
      { duration: '10s', target: 100 },
      { duration: '1m', target: 100 },
    ]);
    assert.equal(load.executor, 'ramping-arrival-rate');
    assert.equal(load.timeUnit, '1s');
    assert.equal(load.startRate, 0);
    const totals = scenarioTotals(load);
    assert.equal(totals.iterations, 10 * 50 + 60 * 100);
    assert.equal(totals.iterations * 100, 650_000, 'events');
    assert.equal(totals.durationMs, 70_000);
    assert.equal(totals.peakIterationsPerSecond, 100);
  });

  test('VU sizing from peak rate × iteration duration, overridable', () => {
    const { load } = loadProfile({ eventsPerSecond: 10_000, eventsPerIteration: 100, iterationDuration: '50ms' });
    assert.equal(load!.preAllocatedVUs, 10); // 100/s × 0.05 s × 2
    assert.equal(load!.maxVUs, 50); // × 10
    const { custom } = loadProfile({ name: 'custom', eventsPerSecond: 10, preAllocatedVUs: 3, maxVUs: 2, exec: 'run', tags: { t: '1' } });
    assert.equal(custom!.preAllocatedVUs, 3);
    assert.equal(custom!.maxVUs, 3, 'maxVUs is never below preAllocatedVUs');
    assert.equal(custom!.exec, 'run');
    assert.deepEqual(custom!.tags, { t: '1' });
  });

  test('fractional iteration rates get a timeUnit that makes them whole', () => {
    const s = arrivalRateScenario([{ duration: '10s', eventsPerSecond: 150 }], { eventsPerIteration: 100 });
    assert.equal(s.timeUnit, '2s');
    assert.deepEqual(s.stages, [{ duration: '10s', target: 3 }]);
    assert.equal(scenarioTotals(s).iterations, 7); // 10 s × (0 + 1.5)/2
    assert.equal(scenarioTotals(s).peakIterationsPerSecond, 1.5);
  });

  test('stress steps from normal to peak and back to 0', () => {
    const { stress } = stressProfile({
      eventsPerSecond: 1000,
      peakMultiplier: 2.5,
      steps: 4,
      stepRamp: '10s',
      stepDuration: '1m',
      rampDown: '30s',
    });
    const targets = stress!.stages.map((s) => s.target);
    assert.deepEqual(targets, [1000, 1000, 1500, 1500, 2000, 2000, 2500, 2500, 0]);
    assert.equal(scenarioTotals(stress!).durationMs, 4 * 70_000 + 30_000);
  });

  test('spike goes base → spike → base', () => {
    const { spike } = spikeProfile({ eventsPerSecond: 100, spikeEventsPerSecond: 1000, eventsPerIteration: 10 });
    assert.deepEqual(
      spike!.stages.map((s) => s.target),
      [10, 10, 100, 100, 10, 10],
    );
    assert.equal(scenarioTotals(spike!).peakIterationsPerSecond, 100);
  });

  test('soak holds for an hour by default; breakpoint is one ramp', () => {
    const { soak } = soakProfile({ eventsPerSecond: 500, eventsPerIteration: 50 });
    assert.deepEqual(soak!.stages, [
      { duration: '2m', target: 10 },
      { duration: '1h', target: 10 },
    ]);
    const { breakpoint } = breakpointProfile({ maxEventsPerSecond: 200_000, eventsPerIteration: 100, duration: '10m' });
    assert.deepEqual(breakpoint!.stages, [{ duration: '10m', target: 2000 }]);
    assert.equal(scenarioTotals(breakpoint!).iterations, 600 * 1000);
  });

  test('bad input is rejected with the field named', () => {
    assert.throws(() => arrivalRateScenario([]), /at least one stage/);
    assert.throws(() => loadProfile({ eventsPerSecond: -1 }), /events\/s must be >= 0/);
    assert.throws(() => loadProfile({ eventsPerSecond: 1, eventsPerIteration: 0 }), /eventsPerIteration/);
    assert.throws(() => loadProfile({ eventsPerSecond: 1, duration: '5 minutes' }), /invalid duration '5 minutes'/);
  });
});

test('batchForRate: 100 up to 20,000 events/s, then ~200 iterations/s, at most 1,000 events each', () => {
  assert.equal(batchForRate(2000), 100);
  assert.equal(batchForRate(20_000), 100);
  assert.equal(batchForRate(50_000), 250);
  assert.equal(batchForRate(100_000), 500);
  assert.equal(batchForRate(1_000_000), 1000);
});
