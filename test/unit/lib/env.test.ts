import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { envBool, envInt, envList, envNumber, envString } from '../../../lib/env.ts';

describe('env', () => {
  const env = { RATE: '2500', BATCH: '1.5', BROKERS: 'a:1, b:2,', EMPTY: '', FLAG: 'yes', BAD: 'ten' };
  test('typed reads with defaults and clear errors', () => {
    assert.equal(envNumber(env, 'RATE', 1), 2500);
    assert.equal(envNumber(env, 'MISSING', 7), 7);
    assert.equal(envString(env, 'EMPTY', 'd'), 'd');
    assert.deepEqual(envList(env, 'BROKERS', []), ['a:1', 'b:2']);
    assert.deepEqual(envList(env, 'MISSING', ['x']), ['x']);
    assert.equal(envBool(env, 'FLAG', false), true);
    assert.throws(() => envNumber(env, 'BAD', 10), /BAD='ten' is not a number; set it to e\.g\. BAD=10/);
    assert.throws(() => envInt(env, 'BATCH', 100), /BATCH='1.5' must be a whole number/);
  });
});
