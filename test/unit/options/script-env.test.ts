import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildScriptEnv } from '../../../runtime/options/script-env.ts';

describe('buildScriptEnv', () => {
  it('starts from the process environment and lets -e override', () => {
    assert.deepEqual(buildScriptEnv({ A: '1', B: '2', C: undefined }, { B: 'x', D: '' }, true), {
      A: '1',
      B: 'x',
      D: '',
    });
  });

  it('holds only -e values without system env vars', () => {
    assert.deepEqual(buildScriptEnv({ A: '1' }, { B: 'x' }, false), { B: 'x' });
  });
});
