import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecimalCounter } from '../../../lib/decimal-counter.ts';

test('counts from 0 in plain decimal, prefix first', () => {
  const c = new DecimalCounter('e7-');
  for (let i = 0; i < 25_000; i++) {
    assert.equal(c.count, i);
    assert.equal(c.next(), `e7-${i}`);
  }
  const bare = new DecimalCounter();
  assert.deepEqual(Array.from({ length: 3 }, () => bare.next()), ['0', '1', '2']);
});
