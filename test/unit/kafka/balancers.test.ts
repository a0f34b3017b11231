import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { murmur2 as libMurmur2 } from '@platformatic/kafka';
import { createBalancer, fnv1a32, murmur2 } from '../../../runtime/modules/k6/x/kafka/balancers.ts';

describe('balancers', () => {
  it('murmur2 matches Kafka (the library implementation)', () => {
    for (const key of ['', 'a', 'ab', 'abc', 'abcd', 'key-12345', 'ünïcode']) {
      const buf = Buffer.from(key);
      assert.equal(murmur2(buf) | 0, libMurmur2(buf) | 0, key);
    }
  });
  it('hash uses FNV-1a; keyless messages round-robin; functions get key and count', () => {
    assert.equal(fnv1a32(Buffer.from('a')), 0xe40c292c);
    const hash = createBalancer('balancer_hash');
    const p = hash('t', Buffer.from('k'), 1, 7);
    assert.equal(hash('t', Buffer.from('k'), 1, 7), p);
    assert.deepEqual(
      [0, 1, 2].map(() => hash('t', undefined, 1, 3)),
      [0, 1, 2],
    );
    const fn = createBalancer((key: Uint8Array, n: number) => key.length % n);
    assert.equal(fn('t', Buffer.from('abcd'), 4, 3), 1);
    assert.throws(() => fn('t', undefined, 0, 3), /needs a key/);
    const least = createBalancer('balancer_leastbytes');
    assert.deepEqual(
      [10, 1, 1, 1].map((b) => least('t', undefined, b, 2)),
      [0, 1, 1, 1],
    );
  });
});
