import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clock, progressLines, progressState } from '../../../runtime/run/progress.ts';
import type { Report } from '../../../runtime/worker/messages.ts';

const report = (over: Partial<Report>): Report => ({
  metrics: { metrics: [], series: [] },
  groups: { name: '', path: '', id: '', groups: [], checks: [] } as unknown as Report['groups'],
  scenarios: [],
  vusActive: 0,
  vusInitialized: 0,
  iterationsCompleted: 0,
  iterationsInterrupted: 0,
  eventLoopDelay: { p99Ms: 0, maxMs: 0 },
  ...over,
});

describe('progress', () => {
  it('adds up the workers of one instance, scenario by scenario', () => {
    const state = progressState(
      [
        report({
          vusActive: 2,
          vusInitialized: 5,
          iterationsCompleted: 10,
          scenarios: [{ name: 'a', progress: 0.5, active: 2, held: 5, started: 11 }],
        }),
        report({
          vusActive: 1,
          vusInitialized: 5,
          iterationsCompleted: 7,
          iterationsInterrupted: 1,
          scenarios: [{ name: 'a', progress: 0.6, active: 1, held: 5, started: 8 }],
        }),
      ],
      new Map([['a', '40s']]),
      1500,
    );
    assert.deepEqual(state, {
      elapsedMs: 1500,
      vusActive: 3,
      vusMax: 10,
      completed: 17,
      interrupted: 1,
      scenarios: [{ name: 'a', durationLabel: '40s', progress: 0.6, active: 3, held: 10, started: 19 }],
    });
  });

  it('renders k6-style lines', () => {
    const lines = progressLines({ elapsedMs: 62_100, vusActive: 3, vusMax: 50, completed: 117079, interrupted: 0, scenarios: [] });
    assert.equal(lines[0], 'running (1m02.1s), 03/50 VUs, 117079 complete and 0 interrupted iterations');
    assert.equal(clock(5_000), '0m05.0s');
  });
});
