/**
 * The iterations driver (shared-iterations, per-vu-iterations) under virtual time with fake VUs: how many
 * iterations each VU runs, maxDuration and dropped_iterations, gracefulStop, and counts with execution segments.
 */
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { runIterations } from '../../../runtime/execution/iterations.ts';
import { segmentContext } from '../../../runtime/executors/segment.ts';
import { segmentsOf } from '../executors/plan-helpers.ts';
import { virtualTime } from '../virtual-time.ts';
import { type FakeRunOptions, fakeRun } from './fake-scenario.ts';

async function iterate(t: TestContext, raw: Record<string, unknown>, opts: FakeRunOptions = {}) {
  const vt = virtualTime(t);
  const fake = fakeRun(raw, opts);
  await vt.run(runIterations(fake.run));
  const dropped = fake.store.values('dropped_iterations', { scenario: 's' })?.count ?? 0;
  const perVU = [...fake.journal.perVU()].sort((a, b) => a[0] - b[0]).map(([, its]) => its.length);
  return { ...fake, vt, dropped, perVU };
}

const numbers = (its: { start: { iterationInTest: number } }[]) => its.map((i) => i.start.iterationInTest).sort((a, b) => a - b);

test('shared-iterations: VUs draw from one pool, so faster VUs run more', async (t) => {
  const speeds = [100, 200, 400];
  const { journal, perVU, dropped, vt, run } = await iterate(
    t,
    { executor: 'shared-iterations', vus: 3, iterations: 10 },
    { time: (vu) => speeds[vu - 1]! },
  );
  // starts: 0 ms all three, then VU 1 every 100 ms, VU 2 every 200 ms, VU 3 every 400 ms, until 10 are claimed (at 400 ms)
  assert.deepEqual(perVU, [5, 3, 2]);
  assert.deepEqual(numbers(journal.completed), [...Array(10).keys()]);
  assert.equal(dropped, 0);
  assert.equal(vt.elapsed, 800, 'ends when the slowest VU’s last iteration does');
  assert.deepEqual([run.progress, run.held, run.active, run.started], [1, 0, 0, 10]);
});

test('per-vu-iterations: every VU runs exactly its iterations, whatever its speed', async (t) => {
  const { journal, perVU, vt } = await iterate(t, { executor: 'per-vu-iterations', vus: 3, iterations: 4 }, { time: (vu) => 100 * vu });
  assert.deepEqual(perVU, [4, 4, 4]);
  assert.deepEqual(numbers(journal.completed), [...Array(12).keys()]);
  assert.equal(vt.elapsed, 1200);
});

test('maxDuration: iterations not started by then are one dropped_iterations sample; started ones finish', async (t) => {
  for (const raw of [
    { executor: 'shared-iterations', vus: 2, iterations: 10, maxDuration: '1s' },
    { executor: 'per-vu-iterations', vus: 2, iterations: 5, maxDuration: '1s' },
  ]) {
    const { journal, dropped, store } = await iterate(t, raw, { time: () => 300 });
    // each VU starts at 0, 300, 600 and 900 ms
    assert.equal(journal.completed.length, 8, raw.executor);
    assert.equal(dropped, 2, raw.executor);
    assert.equal(store.drain().series.filter((s) => s.metric === 'dropped_iterations').length, 1);
  }
});

test('gracefulStop 0s after maxDuration interrupts the running iterations', async (t) => {
  const { journal, dropped } = await iterate(
    t,
    { executor: 'shared-iterations', vus: 2, iterations: 10, maxDuration: '1s', gracefulStop: '0s' },
    { time: () => 700 },
  );
  assert.equal(journal.completed.length, 2);
  assert.deepEqual(
    journal.interrupted.map((i) => i.reason),
    ['graceful stop ended', 'graceful stop ended'],
  );
  assert.equal(dropped, 6);
});

test('shared-iterations with segments: vus 5, iterations 100 split 40 / 60 over 0:1/3 and 1/3:1 (k6), numbered apart', async (t) => {
  const raw = { executor: 'shared-iterations', vus: 5, iterations: 100 };
  const seen: number[] = [];
  const counts: number[] = [];
  for (const segment of [segmentContext('0:1/3'), segmentContext('1/3:1')]) {
    const { journal } = await iterate(t, raw, { segment });
    counts.push(journal.completed.length);
    seen.push(...numbers(journal.completed));
  }
  assert.deepEqual(counts, [40, 60]);
  assert.deepEqual(
    seen.sort((a, b) => a - b),
    [...Array(100).keys()],
  );
});

test('per-vu-iterations with segments: each instance runs its VUs’ iterations; together every iteration once', async (t) => {
  const raw = { executor: 'per-vu-iterations', vus: 4, iterations: 3 };
  const seen: number[] = [];
  for (const segment of segmentsOf('0,1/4,1/2,1')) {
    const { journal, perVU } = await iterate(t, raw, { segment });
    assert.ok(perVU.every((n) => n === 3));
    seen.push(...numbers(journal.completed));
  }
  assert.deepEqual(
    seen.sort((a, b) => a - b),
    [...Array(12).keys()],
  );
});

test('a thread with no VUs for the scenario leaves the shared budget to the others', async (t) => {
  const { journal, run } = await iterate(
    t,
    { executor: 'shared-iterations', vus: 1, iterations: 10 },
    { segment: segmentContext('1/2:1') },
  );
  assert.equal(journal.iterations.length, 0);
  assert.equal(run.held, 0);
});
