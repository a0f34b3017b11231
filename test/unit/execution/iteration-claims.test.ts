import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IterationClaims } from '../../../runtime/execution/iterations.ts';

test('claims hand out 0…total−1 once each, then -1', () => {
  const claims = new IterationClaims(new Int32Array(2), 1, 3);
  assert.deepEqual([claims.claim(), claims.claim(), claims.claim(), claims.claim(), claims.claim()], [0, 1, 2, -1, -1]);
  assert.equal(claims.claimed(), 3);
  assert.equal(claims.close(), 0);
});

test('two handles on one shared counter draw from one budget', () => {
  const cells = new Int32Array(new SharedArrayBuffer(4));
  const a = new IterationClaims(cells, 0, 4);
  const b = new IterationClaims(cells, 0, 4);
  assert.deepEqual([a.claim(), b.claim(), a.claim()], [0, 1, 2]);
  assert.equal(b.claimed(), 3);
});

test('close() reports the unclaimed rest once and ends the budget', () => {
  const cells = new Int32Array(1);
  const a = new IterationClaims(cells, 0, 10);
  const b = new IterationClaims(cells, 0, 10);
  a.claim();
  a.claim();
  assert.equal(b.close(), 8);
  assert.equal(a.close(), 0);
  assert.equal(a.claim(), -1);
});
