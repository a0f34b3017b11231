import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BytesMemo } from '../../../lib/bytes-memo.ts';

test('encodes each of the first `capacity` texts once, later ones every time', () => {
  const encoded: string[] = [];
  const memo = new BytesMemo((text) => {
    encoded.push(text);
    return new TextEncoder().encode(text);
  }, 2);
  for (const key of ['u0', 'u1', 'u0', 'u2', 'u1', 'u2', 'u0']) {
    assert.deepEqual(memo.bytes(key), new TextEncoder().encode(key));
  }
  assert.deepEqual(encoded, ['u0', 'u1', 'u2', 'u2']);
  assert.equal(memo.bytes('u0'), memo.bytes('u0'), 'remembered bytes are shared');
});
