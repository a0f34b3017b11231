import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sleepMs } from '../../../runtime/timing/sleep.ts';

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
