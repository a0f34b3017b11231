import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../runtime/errors.ts';
import {
  DEFAULT_BOUNDS,
  guardVerdict,
  parseBounds,
  parseGuardMode,
  saturationCauses,
  type SaturationObservations,
} from '../../../runtime/saturation/guard.ts';
import { delaySamples } from '../../../runtime/worker/loop-delay.ts';

const healthy: SaturationObservations = {
  startLagP95Ms: 2,
  loopDelayP99Ms: [3, 5],
  cpuSeconds: 2,
  wallSeconds: 10,
  cores: 2,
  iterations: 1000,
  droppedIterations: 0,
};
const kinds = (o: Partial<SaturationObservations>) => saturationCauses({ ...healthy, ...o }, DEFAULT_BOUNDS).map((c) => c.kind);

describe('saturation guard', () => {
  it('a healthy run has no cause', () => {
    assert.deepEqual(kinds({}), []);
    assert.deepEqual(kinds({ startLagP95Ms: undefined, droppedIterations: 5 }), [], '0.5 % dropped is within the 1 % bound');
  });

  it('names each cause with its value and bound', () => {
    const causes = saturationCauses(
      { ...healthy, startLagP95Ms: 250, loopDelayP99Ms: [3, 180], cpuSeconds: 19, droppedIterations: 50 },
      DEFAULT_BOUNDS,
    );
    assert.deepEqual(
      causes.map((c) => c.message),
      [
        'iterations started late: iteration_start_lag p(95)=250ms (bound 100ms)',
        'worker 1 ran its timers late: event_loop_delay p(99)=180ms (bound 100ms)',
        'streamprobe used 1.90 of its 2 CPU cores (95%, bound 90%)',
        '50 of 1050 iterations (4.8%) were dropped because every VU was busy (bound 1.0%); raise preAllocatedVUs/maxVUs',
      ],
    );
  });

  it('a failed threshold on a saturated generator is inconclusive (112), not 99', () => {
    const causes = saturationCauses({ ...healthy, loopDelayP99Ms: [400] }, DEFAULT_BOUNDS);
    const v = guardVerdict(99, causes, 'on');
    assert.equal(v.exitCode, 112);
    assert.equal(v.log!.level, 'error');
    assert.match(
      v.log!.message,
      /^inconclusive: thresholds failed, but the load generator was saturated: worker 0 ran its timers late.*says nothing about the system under test/,
    );
  });

  it('a passing run stays passing with a warning, unless strict; off never interferes', () => {
    const causes = saturationCauses({ ...healthy, cpuSeconds: 20 }, DEFAULT_BOUNDS);
    const on = guardVerdict(0, causes, 'on');
    assert.equal(on.exitCode, 0);
    assert.equal(on.log!.level, 'warn');
    assert.match(on.log!.message, /--saturation-guard strict/);
    assert.equal(guardVerdict(0, causes, 'strict').exitCode, 112);
    assert.deepEqual(guardVerdict(99, causes, 'off'), { exitCode: 99 });
    assert.deepEqual(guardVerdict(99, [], 'strict'), { exitCode: 99 });
  });

  it('other endings keep their code: an unreachable system, a script error', () => {
    const causes = saturationCauses({ ...healthy, cpuSeconds: 20 }, DEFAULT_BOUNDS);
    assert.deepEqual(guardVerdict(111, causes, 'strict'), { exitCode: 111 });
    assert.deepEqual(guardVerdict(107, causes, 'on'), { exitCode: 107 });
  });

  it('parses modes and bounds, naming the setting in errors', () => {
    assert.equal(parseGuardMode('strict', 'x'), 'strict');
    assert.equal(parseGuardMode('false', 'x'), 'off');
    assert.throws(() => parseGuardMode('loud', '--saturation-guard'), /--saturation-guard must be off, on or strict, got "loud"/);
    assert.deepEqual(parseBounds('', 'x'), DEFAULT_BOUNDS);
    assert.deepEqual(parseBounds('lag=1s, loop=50ms,cpu=95%,dropped=0.05', 'x'), {
      startLagMs: 1000,
      loopDelayMs: 50,
      cpu: 0.95,
      dropped: 0.05,
    });
    assert.throws(() => parseBounds('cpu', 'STREAMPROBE_SATURATION_BOUNDS'), ConfigError);
    assert.throws(() => parseBounds('heat=3', 'x'), /"heat=3" is not a bound/);
    assert.throws(() => parseBounds('cpu=-1', 'x'), /x cpu must be a positive fraction/);
  });
});

describe('event-loop delay samples', () => {
  it('turns the histogram’s cumulative percentiles into delays (interval − resolution) with counts adding up', () => {
    const ms = 1e6;
    const points = new Map([
      [0, 10.1 * ms],
      [50, 10.2 * ms],
      [75, 10.4 * ms],
      [99, 30 * ms],
      [100, 130 * ms],
    ]);
    const samples = delaySamples(points, 200, 10);
    assert.deepEqual(
      samples.map(([d, n]) => [Number(d.toFixed(3)), n]),
      [
        [0.2, 100],
        [0.4, 50],
        [20, 48],
        [120, 2],
      ],
    );
    assert.deepEqual(delaySamples(new Map(), 0, 10), []);
  });
});
