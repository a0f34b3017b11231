import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newClusterId } from '../../../infra/kafka/cluster-state.ts';

test('cluster ids: 22 base64url characters, never a leading - (kafka-storage would take it for an option)', () => {
  // 0xf8 encodes to '-' as the first base64url character
  const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x01)];
  const id = newClusterId(() => draws.shift()!);
  assert.equal(id, Buffer.alloc(16, 0x01).toString('base64url'));
  assert.equal(draws.length, 0);
  assert.equal(Buffer.alloc(16, 0xf8).toString('base64url')[0], '-');
  for (let i = 0; i < 1000; i++) assert.match(newClusterId(), /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
});
