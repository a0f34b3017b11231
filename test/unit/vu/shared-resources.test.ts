/** The per-thread resource pool: one instance per key, all closed at the thread's end within a grace period. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SharedResourcePool } from '../../../runtime/vu/shared-resources.ts';
import { virtualTime } from '../virtual-time.ts';

test('get creates a resource once per key', () => {
  const pool = new SharedResourcePool();
  let made = 0;
  const a = pool.get('writer:t1', () => ({ n: ++made }));
  assert.equal(
    pool.get('writer:t1', () => ({ n: ++made })),
    a,
  );
  assert.notEqual(
    pool.get('writer:t2', () => ({ n: ++made })),
    a,
  );
  assert.equal(made, 2);
});

test('closeAll closes each once (failures included) and reports whether all closed within the grace period', async (t) => {
  const vt = virtualTime(t);
  const pool = new SharedResourcePool();
  const closed: string[] = [];
  pool.get(
    'ok',
    () => 'ok',
    (v) => void closed.push(v),
  );
  pool.get(
    'fails',
    () => 'fails',
    async () => {
      throw new Error('broker gone');
    },
  );
  pool.get(
    'slow',
    () => 'slow',
    (v) => new Promise<void>((resolve) => setTimeout(() => resolve(void closed.push(v)), 500)),
  );
  assert.equal(await vt.run(pool.closeAll(1000)), true);
  assert.deepEqual(closed, ['ok', 'slow']);
  assert.equal(await vt.run(pool.closeAll(1000)), true, 'nothing left to close');

  pool.get(
    'stuck',
    () => 'stuck',
    () => new Promise<void>(() => {}),
  );
  assert.equal(await vt.run(pool.closeAll(2000)), false);
  assert.equal(vt.elapsed, 2500, 'gave up after the grace period');
});
