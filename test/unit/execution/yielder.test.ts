import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sleepMs, yieldIfDue } from '../../../runtime/execution/yielder.ts';

describe('sleepMs', () => {
  it('resolves after the time', async () => {
    const start = performance.now();
    await sleepMs(20);
    assert.ok(performance.now() - start >= 19);
  });

  it('an abort ends the sleep early, and a sleep under an aborted signal does not start', async () => {
    const controller = new AbortController();
    const start = performance.now();
    const sleeping = sleepMs(60_000, controller.signal);
    controller.abort();
    await sleeping;
    await sleepMs(60_000, controller.signal);
    assert.ok(performance.now() - start < 30_000);
  });
});

describe('yieldIfDue', () => {
  it('yields one macrotask turn once a slice of a few ms has passed, and starts a new slice', async () => {
    const busyUntil = performance.now() + 10;
    while (performance.now() < busyUntil) {
      // a VU loop that never awaits anything but microtasks
    }
    let timerRan = false;
    setImmediate(() => {
      timerRan = true;
    });
    const due = yieldIfDue();
    const again = yieldIfDue();
    assert.ok(due instanceof Promise);
    assert.equal(again, undefined, 'a new slice starts at the yield');
    await due;
    assert.equal(timerRan, true, 'the yield let a queued macrotask run');
  });
});
