import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VUPool } from '../../../runtime/execution/vu-pool.ts';
import type { VU } from '../../../runtime/vu/vu.ts';

/** A stand-in VU that only counts its init runs: the pool needs nothing else. */
function fakePool() {
  const inits = new Map<number, number>();
  const pool = new VUPool((id) => {
    const vu = { id, init: () => inits.set(id, (inits.get(id) ?? 0) + 1) };
    return vu as unknown as VU;
  });
  const ids = (vus: VU[]) => vus.map((v) => (v as unknown as { id: number }).id);
  return { pool, inits, ids };
}

describe('VUPool', () => {
  it('prepare() initialises VUs up to n once, numbering them from 1', () => {
    const { pool, inits } = fakePool();
    pool.prepare(3);
    pool.prepare(2);
    assert.equal(pool.initialized, 3);
    assert.deepEqual(
      [...inits],
      [
        [1, 1],
        [2, 1],
        [3, 1],
      ],
    );
  });

  it('take() hands out prepared VUs first and creates the rest', () => {
    const { pool, ids } = fakePool();
    pool.prepare(2);
    assert.deepEqual(ids(pool.take(3)).sort(), [1, 2, 3]);
    assert.equal(pool.initialized, 3);
  });

  it('a VU given back is reused by the next scenario without running its init again', () => {
    const { pool, inits, ids } = fakePool();
    const first = pool.take(2);
    pool.giveBack(first);
    assert.deepEqual(ids(pool.take(2)).sort(), [1, 2]);
    assert.equal(pool.initialized, 2);
    assert.deepEqual([...inits.values()], [1, 1]);
  });

  it('grow() takes an idle VU before making a new one (arrival-rate scenarios that run short)', () => {
    const { pool, ids } = fakePool();
    pool.prepare(1);
    assert.deepEqual(ids([pool.grow()]), [1]);
    assert.deepEqual(ids([pool.grow()]), [2]);
    assert.equal(pool.initialized, 2);
  });

  it('take(0) takes nothing', () => {
    const { pool } = fakePool();
    pool.prepare(2);
    assert.deepEqual(pool.take(0), []);
    assert.equal(pool.take(2).length, 2);
    assert.equal(pool.initialized, 2);
  });
});
