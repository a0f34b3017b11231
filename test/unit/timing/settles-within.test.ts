import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { settlesWithin } from '../../../runtime/timing/settles-within.ts';

describe('settlesWithin', () => {
  it('is true when the promise resolves or rejects in time', async () => {
    assert.equal(await settlesWithin(Promise.resolve(1), 1000), true);
    assert.equal(await settlesWithin(Promise.reject(new Error('closed badly')), 1000), true);
  });

  it('is false when the promise is still pending at the bound', async () => {
    // its timer does not keep the process alive (by design), so this test holds the event loop open itself
    const alive = setTimeout(() => {}, 10_000);
    try {
      assert.equal(await settlesWithin(new Promise(() => {}), 10), false);
    } finally {
      clearTimeout(alive);
    }
  });
});
