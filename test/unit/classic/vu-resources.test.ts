import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCapacity, vusThatFit } from '../../../runtime/classic/vu-resources.ts';

const MB = 2 ** 20;

describe('classic VU capacity', () => {
  it('counts the VUs that fit in free memory after the reserve', () => {
    assert.equal(vusThatFit(256 * MB + 160 * MB, 16), 10);
    assert.equal(vusThatFit(100 * MB, 16), 0);
  });

  it('too many VUs is a config error (exit 104) that says how many fit and what to do', () => {
    assert.doesNotThrow(() => checkCapacity(10, 1024 * MB));
    assert.throws(
      () => checkCapacity(1000, 1024 * MB),
      (err: Error & { exitCode?: number }) =>
        err.exitCode === 104 && /needs 1000 VUs.*fits about 48/.test(err.message) && /async/.test(err.message),
    );
  });
});
