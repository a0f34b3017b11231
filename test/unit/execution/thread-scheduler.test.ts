/**
 * ThreadScheduler.run under virtual time with fake VUs: the threads of one instance share a scenario's work
 * (shared-iterations budget, one-time warnings), and each scenario starts at its startTime.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimCounters, ThreadScheduler } from '../../../runtime/execution/scheduler.ts';
import { SegmentContext, segmentContext } from '../../../runtime/executors/segment.ts';
import { MetricStore } from '../../../runtime/metrics/store.ts';
import { consolidate } from '../../../runtime/options/consolidate.ts';
import type { ThreadHost } from '../../../runtime/vu/host.ts';
import type { VU } from '../../../runtime/vu/vu.ts';
import { virtualTime } from '../virtual-time.ts';
import { FakeVU, Journal } from './fake-scenario.ts';

/** `threads` schedulers of one instance, as its worker threads would have them. */
function threadsOf(script: unknown, threads: number, time = () => 100, instance = SegmentContext.full) {
  const options = consolidate({ env: {}, cli: {}, script });
  const claims = claimCounters(Object.keys(options.scenarios).length);
  const warnings: string[] = [];
  const t0 = performance.now();
  return Array.from({ length: threads }, (_, index) => {
    const journal = new Journal(() => performance.now() - t0);
    const host = {
      options,
      store: new MetricStore(),
      stopping: false,
      counters: { iterationsCompleted: 0, iterationsInterrupted: 0, vusActive: 0, vusInitialized: 0 },
      log: { debug() {}, info() {}, error() {}, warn: (m: string) => void warnings.push(m) },
    } as unknown as ThreadHost;
    const ids: number[] = [];
    const scheduler = new ThreadScheduler(host, { instance, threads, index, claims }, (_h, id) => {
      ids.push(id);
      return new FakeVU(id, journal, time) as unknown as VU;
    });
    return { scheduler, journal, host, ids, warnings, t0 };
  });
}

test('the threads of an instance draw one shared-iterations budget and number their VUs apart', async (t) => {
  const vt = virtualTime(t);
  const threads = threadsOf({ scenarios: { s: { executor: 'shared-iterations', vus: 4, iterations: 20 } } }, 2);
  for (const th of threads) th.scheduler.initVUs();
  assert.deepEqual(
    threads.map((th) => th.host.counters.vusInitialized),
    [2, 2],
  );
  assert.deepEqual(
    threads.map((th) => th.ids),
    [
      [1, 3],
      [2, 4],
    ],
    '__VU: thread j of n numbers its VUs j+1, j+1+n, …',
  );
  const stop = new AbortController();
  await vt.run(Promise.all(threads.map((th) => th.scheduler.run(threads[0]!.t0, stop.signal))));
  const all = threads.flatMap((th) => th.journal.completed.map((i) => i.start.iterationInTest));
  assert.deepEqual(
    all.sort((a, b) => a - b),
    [...Array(20).keys()],
  );
  assert.deepEqual(
    threads.map((th) => th.scheduler.runs.map((r) => [r.config.name, r.started, r.progress])),
    [[['s', 10, 1]], [['s', 10, 1]]],
  );
});

test('each scenario starts at its startTime', async (t) => {
  const vt = virtualTime(t);
  const [th] = threadsOf(
    {
      scenarios: {
        later: { executor: 'per-vu-iterations', vus: 1, iterations: 2, startTime: '5s' },
        first: { executor: 'constant-vus', vus: 1, duration: '1s' },
      },
    },
    1,
    () => 250,
  );
  th!.scheduler.initVUs();
  await vt.run(th!.scheduler.run(th!.t0, new AbortController().signal));
  assert.deepEqual(
    th!.journal.iterations.map((i) => i.startMs),
    [0, 250, 500, 750, 5000, 5250],
  );
});

test('arrival-rate threads warn once per instance when short of VUs', async (t) => {
  const vt = virtualTime(t);
  const threads = threadsOf(
    { scenarios: { a: { executor: 'constant-arrival-rate', rate: 20, timeUnit: '1s', duration: '1s', preAllocatedVUs: 2 } } },
    2,
    () => 1000,
  );
  for (const th of threads) th.scheduler.initVUs();
  await vt.run(Promise.all(threads.map((th) => th.scheduler.run(threads[0]!.t0, new AbortController().signal))));
  assert.equal(threads[0]!.warnings.filter((w) => w.includes('Insufficient VUs')).length, 1);
});

test('a stop before a scenario’s startTime means it never starts', async (t) => {
  const vt = virtualTime(t);
  const [th] = threadsOf({ scenarios: { later: { executor: 'constant-vus', vus: 1, duration: '1s', startTime: '10s' } } }, 1);
  th!.scheduler.initVUs();
  const stop = new AbortController();
  setTimeout(() => stop.abort(), 1000);
  await vt.run(th!.scheduler.run(th!.t0, stop.signal));
  assert.equal(th!.journal.iterations.length, 0);
  assert.equal(vt.elapsed, 1000);
});

test('a scenario without work on this instance’s segment is left out, with one warning', () => {
  const threads = threadsOf(
    { scenarios: { tiny: { executor: 'shared-iterations', vus: 1, iterations: 3 } } },
    2,
    undefined,
    segmentContext('1/2:1'),
  );
  assert.equal(threads[0]!.warnings.length, 1, 'only the first thread says so');
  assert.match(threads[0]!.warnings[0]!, /Scenario "tiny" is disabled for segment .* due to lack of work/);
});
