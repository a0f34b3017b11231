import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { yieldIfDue } from '../../../runtime/execution/yielder.ts';

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
