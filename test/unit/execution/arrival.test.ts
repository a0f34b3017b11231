/**
 * The arrival-rate driver under virtual time with fake VUs: starts at the intended times of the plan (k6's
 * formulas), dropped iterations when no VU is free (never retried), maxVUs growth one VU at a time, gracefulStop.
 */
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { runArrival } from '../../../runtime/execution/arrival.ts';
import { segmentsOf } from '../executors/plan-helpers.ts';
import { virtualTime } from '../virtual-time.ts';
import { type FakeRunOptions, fakeRun } from './fake-scenario.ts';

async function arrive(t: TestContext, raw: Record<string, unknown>, opts: FakeRunOptions = {}) {
  const vt = virtualTime(t);
  const fake = fakeRun(raw, opts);
  await vt.run(runArrival(fake.run));
  const dropped = fake.store.values('dropped_iterations', { scenario: 's' })?.count ?? 0;
  return { ...fake, vt, dropped, startsMs: fake.journal.iterations.map((i) => i.startMs) };
}

const near = (actual: number[], expected: number[], tolerance = 1e-6) => {
  assert.equal(actual.length, expected.length, `${actual.length} starts, expected ${expected.length}`);
  for (const [i, a] of actual.entries()) assert.ok(Math.abs(a - expected[i]!) < tolerance, `value ${i}: ${a}, expected ${expected[i]}`);
};

test('ramping-arrival-rate starts each iteration at its intended time (the worked example of the calendar formula)', async (t) => {
  // startRate 2/s, stages [5s→2, 5s→3]: i/2 s for i = 1..10, then 5 s + (√(10·i) − 10) s for i = 11..22
  const expected = Array.from({ length: 22 }, (_, k) => {
    const i = k + 1;
    return i <= 10 ? 500 * i : 5000 + 1000 * (Math.sqrt(10 * i) - 10);
  });
  const { journal, run, dropped, startsMs, created } = await arrive(t, {
    executor: 'ramping-arrival-rate',
    startRate: 2,
    timeUnit: '1s',
    stages: [
      { duration: '5s', target: 2 },
      { duration: '5s', target: 3 },
    ],
    preAllocatedVUs: 2,
  });
  // timers fire on whole milliseconds (as Node's do): each start on the first one at or after its intended time
  near(startsMs, expected.map(Math.ceil));
  assert.deepEqual(
    journal.iterations.map((i) => i.start.iterationInTest),
    expected.map((_, k) => k),
  );
  near(
    journal.iterations.map((i) => i.start.intendedEpochMs! - run.state.startEpochMs),
    expected,
    1e-3, // epoch milliseconds keep about 0.2 µs
  );
  near(
    journal.lags,
    expected.map((ms) => Math.ceil(ms) - ms),
  );
  assert.equal(dropped, 0);
  assert.equal(created(), 2, 'no VU beyond the pre-allocated ones');
  assert.equal(journal.completed.length, 22);
  assert.deepEqual([run.progress, run.held, run.active, run.started], [1, 0, 0, 22]);
});

test('a start with no idle VU is dropped, never retried, and warns once naming maxVUs and the fix', async (t) => {
  // rate 10/s for 1 s; one VU busy 250 ms per iteration: only the starts at 0, 300, 600 and 900 ms find it idle
  const { journal, dropped, startsMs, warnings, store } = await arrive(
    t,
    { executor: 'constant-arrival-rate', rate: 10, timeUnit: '1s', duration: '1s', preAllocatedVUs: 1, tags: { team: 'a' } },
    { time: () => 250, options: { tags: { env: 'ci' } } as never },
  );
  near(startsMs, [0, 300, 600, 900]);
  assert.deepEqual(
    journal.iterations.map((i) => [i.start.iterationInTest, i.start.iterationInInstance]),
    [
      [0, 0],
      [3, 1],
      [6, 2],
      [9, 3],
    ],
    'iterationInTest skips the dropped starts',
  );
  assert.equal(dropped, 6);
  assert.equal(store.values('dropped_iterations', { scenario: 's', team: 'a', env: 'ci' })?.count, 6, 'scenario and test-wide tags');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /Insufficient VUs, reached maxVUs 1 .*scenario "s".*raise maxVUs/);
  assert.equal(journal.completed.length, 4, 'the last start still completes within gracefulStop');
});

test('a VU whose iteration ends at a due start takes it, even when its end reaches the driver a turn later; exactly rate × duration starts', async (t) => {
  for (const endTurn of [false, true]) {
    const { startsMs, dropped } = await arrive(
      t,
      { executor: 'constant-arrival-rate', rate: 10, timeUnit: '1s', duration: '1s', preAllocatedVUs: 1 },
      { time: () => 100, endTurn },
    );
    near(
      startsMs,
      Array.from({ length: 10 }, (_, k) => 100 * k),
    );
    // 10 starts, none at the 1 s end: k6's extra start there is a timer race not to copy (k6-compat-spec §12.1)
    assert.equal(dropped, 0, `endTurn ${endTurn}`);
  }
});

test('short of VUs, the driver grows one VU at a time up to maxVUs; the drops that triggered growth stay dropped', async (t) => {
  const { startsMs, dropped, created, warnings, run } = await arrive(
    t,
    { executor: 'constant-arrival-rate', rate: 10, timeUnit: '1s', duration: '1s', preAllocatedVUs: 1, maxVUs: 3 },
    { time: () => 250 },
  );
  // 100 ms: dropped, a 2nd VU joins; 400 ms: dropped, a 3rd joins; from then on a VU is always free
  near(startsMs, [0, 200, 300, 500, 600, 700, 800, 900]);
  assert.equal(dropped, 2);
  assert.equal(created(), 3);
  assert.deepEqual(warnings, [], 'maxVUs was never the limit');
  assert.equal(run.held, 0, 'all VUs handed back');
});

test('at maxVUs the driver stops growing and warns', async (t) => {
  const { dropped, created, warnings } = await arrive(
    t,
    { executor: 'constant-arrival-rate', rate: 20, timeUnit: '1s', duration: '2s', preAllocatedVUs: 1, maxVUs: 2 },
    { time: () => 1000 },
  );
  assert.equal(created(), 2);
  assert.ok(dropped > 0);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /reached maxVUs 2/);
});

test('gracefulStop: iterations still running that long after the regular end are interrupted', async (t) => {
  const { journal, vt } = await arrive(
    t,
    { executor: 'constant-arrival-rate', rate: 1, timeUnit: '1s', duration: '2s', preAllocatedVUs: 2, gracefulStop: '1s' },
    { time: () => 5000 },
  );
  near(
    journal.iterations.map((i) => i.startMs),
    [0, 1000],
  );
  assert.deepEqual(
    journal.interrupted.map((i) => [i.endMs, i.reason]),
    [
      [3000, 'graceful stop ended'],
      [3000, 'graceful stop ended'],
    ],
  );
  assert.equal(vt.elapsed, 3000);
});

test('stopping the test starts nothing more and interrupts what runs without a grace period', async (t) => {
  const vt = virtualTime(t);
  const stop = new AbortController();
  const fake = fakeRun(
    { executor: 'constant-arrival-rate', rate: 2, timeUnit: '1s', duration: '10s', preAllocatedVUs: 5 },
    { time: () => 800, stop: stop.signal },
  );
  setTimeout(() => stop.abort(), 1600);
  await vt.run(runArrival(fake.run));
  near(
    fake.journal.iterations.map((i) => i.startMs),
    [0, 500, 1000, 1500],
  );
  assert.equal(fake.journal.completed.length, 2);
  assert.equal(fake.journal.interrupted.length, 2);
  assert.ok(vt.elapsed < 2000, `ended at ${vt.elapsed} ms, soon after the stop`);
});

test('segments: each instance starts only its own slots; together they start every slot once', async (t) => {
  const raw = { executor: 'ramping-arrival-rate', startRate: 5, stages: [{ duration: '4s', target: 15 }], preAllocatedVUs: 4 };
  const { startsMs: whole } = await arrive(t, raw);
  const bySlot = new Map<number, number>();
  for (const segment of segmentsOf('0,1/4,1/2,1')) {
    const { journal } = await arrive(t, raw, { segment });
    for (const i of journal.iterations) {
      assert.ok(!bySlot.has(i.start.iterationInTest), `slot ${i.start.iterationInTest} started twice`);
      bySlot.set(i.start.iterationInTest, i.startMs);
    }
  }
  near(
    [...bySlot.entries()].sort((a, b) => a[0] - b[0]).map(([, ms]) => ms),
    whole,
  );
});
