/**
 * The looping-VUs driver (constant-vus, ramping-vus) under virtual time with fake VUs: how many VUs loop when
 * (k6's ramping-vus schedule), gracefulRampDown and gracefulStop interrupts.
 */
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { runLoopingVUs } from '../../../runtime/execution/looping-vus.ts';
import { virtualTime } from '../virtual-time.ts';
import { type FakeRunOptions, fakeRun } from './fake-scenario.ts';

async function loop(t: TestContext, raw: Record<string, unknown>, opts: FakeRunOptions = {}) {
  const vt = virtualTime(t);
  const fake = fakeRun(raw, opts);
  await vt.run(runLoopingVUs(fake.run));
  return { ...fake, vt };
}

test('constant-vus: its VUs loop back to back for the duration; the last iterations finish within gracefulStop', async (t) => {
  const { journal, run, vt } = await loop(t, { executor: 'constant-vus', vus: 3, duration: '1s' }, { time: () => 300 });
  for (const [vu, its] of journal.perVU())
    assert.deepEqual(
      its.map((i) => i.startMs),
      [0, 300, 600, 900],
      `VU ${vu}`,
    );
  for (let ms = 0; ms < 1000; ms += 50) assert.equal(journal.runningAt(ms), 3, `at ${ms} ms`);
  assert.equal(journal.completed.length, 12);
  assert.deepEqual(
    journal.iterations.map((i) => i.start.iterationInInstance).sort((a, b) => a - b),
    [...Array(12).keys()],
  );
  assert.deepEqual(
    journal.iterations.map((i) => i.start.iterationInTest),
    journal.iterations.map((i) => i.start.iterationInInstance),
    'one instance: test and instance numbering agree',
  );
  assert.equal(vt.elapsed, 1200);
  assert.deepEqual([run.progress, run.held, run.active, run.started], [1, 0, 0, 12]);
});

test('ramping-vus: VU u starts at T0 + D·(u−a)/(b−a) and leaves at T1 − D·(u−1−b)/(a−b) (k6’s schedule)', async (t) => {
  const { journal } = await loop(
    t,
    {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: '10s', target: 10 },
        { duration: '10s', target: 0 },
      ],
    },
    { time: () => 333 },
  );
  const vus = journal.perVU();
  assert.equal(vus.size, 10);
  for (const [u, its] of vus) {
    // VUs take slots in id order: VU u is the u-th to join and the u-th from the last to leave
    const joins = (10_000 * u) / 10;
    const leaves = 20_000 - (10_000 * (u - 1)) / 10;
    assert.equal(its[0]!.startMs, joins, `VU ${u} joins`);
    const last = its.at(-1)!.startMs;
    assert.ok(last < leaves && leaves <= last + 333, `VU ${u}: last start ${last} ms, leaves at ${leaves} ms`);
    assert.ok(
      its.every((i, k) => k === 0 || i.startMs === its[k - 1]!.endMs),
      `VU ${u} loops back to back`,
    );
  }
  assert.equal(journal.interrupted.length, 0, 'gracefulRampDown (30 s) lets the leaving VUs finish');
});

test('gracefulRampDown 0s interrupts the iterations of leaving VUs (3 → 0 at 2 s, 1.2 s iterations: 6 started, 3 complete)', async (t) => {
  const raw = {
    executor: 'ramping-vus',
    startVUs: 3,
    stages: [
      { duration: '2s', target: 3 },
      { duration: '0s', target: 0 },
    ],
  };
  const cut = await loop(t, { ...raw, gracefulRampDown: '0s' }, { time: () => 1200 });
  assert.equal(cut.journal.iterations.length, 6);
  assert.equal(cut.journal.completed.length, 3);
  assert.deepEqual(new Set(cut.journal.interrupted.map((i) => i.reason)), new Set(['ramp-down']));
  assert.ok(cut.journal.interrupted.every((i) => i.endMs! < 2002 && i.endMs! >= 2000));

  const graceful = await loop(t, { ...raw, gracefulRampDown: '1s' }, { time: () => 1200 });
  assert.equal(graceful.journal.iterations.length, 6);
  assert.equal(graceful.journal.completed.length, 6, 'iterations ending within gracefulRampDown complete');
});

test('constant-vus with gracefulStop 0s interrupts what runs at the end; with time to spare, it completes', async (t) => {
  const raw = { executor: 'constant-vus', vus: 2, duration: '1s' };
  const cut = await loop(t, { ...raw, gracefulStop: '0s' }, { time: () => 700 });
  assert.equal(cut.journal.completed.length, 2);
  assert.deepEqual(
    cut.journal.interrupted.map((i) => i.reason),
    ['graceful stop ended', 'graceful stop ended'],
  );
  const spare = await loop(t, { ...raw, gracefulStop: '1s' }, { time: () => 700 });
  assert.equal(spare.journal.completed.length, 4);
  assert.equal(spare.vt.elapsed, 1400);
});

test('a VU that ramps down and back up within its iteration keeps looping without a second loop', async (t) => {
  // 2 VUs, 1 from 0.5 s, 2 again from 1 s; VU 2's first iteration (1.5 s) spans both changes
  const { journal } = await loop(
    t,
    {
      executor: 'ramping-vus',
      startVUs: 2,
      stages: [
        { duration: '500ms', target: 1 },
        { duration: '500ms', target: 2 },
        { duration: '1s', target: 2 },
      ],
      gracefulRampDown: '5s',
    },
    { time: () => 1500 },
  );
  assert.deepEqual(
    journal
      .perVU()
      .get(2)!
      .map((i) => i.startMs),
    [0, 1500],
  );
  for (let ms = 0; ms < 3000; ms += 100) assert.ok(journal.runningAt(ms) <= 2, `at ${ms} ms`);
  assert.equal(journal.interrupted.length, 0);
});

test('stopping the test ends the loops at once, interrupting', async (t) => {
  const vt = virtualTime(t);
  const stop = new AbortController();
  const fake = fakeRun({ executor: 'constant-vus', vus: 2, duration: '1m' }, { time: () => 400, stop: stop.signal });
  setTimeout(() => stop.abort(), 1000);
  await vt.run(runLoopingVUs(fake.run));
  assert.equal(fake.journal.completed.length, 4);
  assert.equal(fake.journal.interrupted.length, 2);
  assert.ok(vt.elapsed < 1100);
});
