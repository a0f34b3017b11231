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
  assert.deepEqual(
    Array.from({ length: 3 }, () => bare.next()),
    ['0', '1', '2'],
  );
});

test('skip() continues in plain decimal from wherever it lands', () => {
  for (const [from, n] of [
    [0, 99],
    [0, 100],
    [5, 295],
    [99, 1],
    [150, 49],
    [150, 50],
    [1234, 8766],
  ] as const) {
    const c = new DecimalCounter('g:');
    for (let i = 0; i < from; i++) c.next();
    c.skip(n);
    assert.equal(c.count, from + n);
    for (let i = from + n; i < from + n + 205; i++) assert.equal(c.next(), `g:${i}`);
  }
});
