/**
 * An interrupted iteration stops where it is (k6 cancels its context): the k6 calls it awaits never resume it, and
 * what its code still tries to record is dropped. Synchronous script functions get a warning for unawaited calls.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ITERATION_DURATION, ITERATIONS } from '../../../runtime/metrics/builtin.ts';
import type { ThreadState } from '../../../runtime/vu/thread-state.ts';
import { vuOf } from './script-vu.ts';

const defs = { iterations: ITERATIONS, duration: ITERATION_DURATION };
const start = { iterationInInstance: 0, iterationInTest: 0 };

const count = (host: ThreadState, metric: string) => host.store.values(metric)?.count ?? 0;
const ticks = (n: number) => new Promise((r) => setTimeout(r, n));

test('an interrupted sleep() never returns into the iteration: nothing after it runs or records', async () => {
  let after = 0;
  const { vu, host } = vuOf((g) => {
    const { sleep, check } = g.require('k6') as { sleep(s: number): Promise<void>; check(v: unknown, c: object): boolean };
    const { Counter } = g.require('k6/metrics') as { Counter: new (n: string) => { add(v: number): void } };
    const started = new Counter('started');
    const finished = new Counter('finished');
    return {
      default: async () => {
        started.add(1);
        await sleep(10);
        after++;
        finished.add(1);
        check(1, { 'after the sleep': () => true });
      },
    };
  });
  const outcome = vu.runIteration(start, 'default', defs);
  await ticks(20);
  vu.interrupt('ramp-down');
  assert.equal(await outcome, 'interrupted');
  await ticks(20);
  assert.equal(after, 0);
  assert.equal(count(host, 'started'), 1);
  assert.equal(count(host, 'finished'), 0);
  assert.equal(count(host, 'checks'), 0);
  assert.equal(count(host, 'iterations'), 0, 'an interrupted iteration is not counted');
  assert.equal(host.store.values('iteration_duration'), undefined);
});

test('a tracked call (a Kafka call) that settles after the interrupt stalls the interrupted code, even if it rejects', async () => {
  let resolveCall!: (v: string) => void;
  let rejectCall!: (e: Error) => void;
  const reached: string[] = [];
  const { vu } = vuOf(() => ({
    ok: async () => reached.push(await vu.track(new Promise<string>((r) => (resolveCall = r)), 'consume()')),
    fails: async () => {
      try {
        await vu.track(new Promise<string>((_, r) => (rejectCall = r)), 'produce()');
      } catch {
        reached.push('catch');
      } finally {
        reached.push('finally');
      }
    },
  }));
  for (const [exec, settle] of [
    ['ok', () => resolveCall('value')],
    ['fails', () => rejectCall(new Error('broker gone'))],
  ] as const) {
    const outcome = vu.runIteration(start, exec, defs);
    await ticks(5);
    vu.interrupt('graceful stop ended');
    settle();
    assert.equal(await outcome, 'interrupted');
  }
  await ticks(20);
  assert.deepEqual(reached, []);
});

test('code an interrupted iteration still runs records nothing; the next iteration records again', async () => {
  let release!: () => void;
  const untracked = new Promise<void>((r) => (release = r));
  const { vu, host } = vuOf((g) => {
    const { Counter } = g.require('k6/metrics') as { Counter: new (n: string) => { add(v: number): void } };
    const late = new Counter('late');
    return {
      waits: async () => {
        await untracked; // not a k6 call: the runtime cannot stall it
        late.add(1);
      },
      quick: () => late.add(1),
    };
  });
  const outcome = vu.runIteration(start, 'waits', defs);
  await ticks(5);
  vu.interrupt('ramp-down');
  assert.equal(await outcome, 'interrupted');
  release();
  await ticks(5);
  assert.equal(count(host, 'late'), 0, 'dropped after the interrupt');
  assert.equal(await vu.runIteration(start, 'quick', defs), 'complete');
  assert.equal(count(host, 'late'), 1);
  assert.equal(count(host, 'iterations'), 1);
});

test('a timer pending at the interrupt never fires', async () => {
  let fired = false;
  const { vu } = vuOf((g) => ({ default: () => void g.setTimeout(() => (fired = true), 30) }));
  const outcome = vu.runIteration(start, 'default', defs);
  vu.interrupt('graceful stop ended');
  assert.equal(await outcome, 'interrupted');
  await ticks(60);
  assert.equal(fired, false);
});

test('a Kafka call a synchronous iteration cannot await warns once, naming the call and the fix', async () => {
  const { vu, warnings } = vuOf(() => ({
    classic: () => void vu.track(Promise.resolve([]), 'listTopics()'),
    awaited: async () => void (await vu.track(Promise.resolve([]), 'listTopics()')),
    returned: () => vu.track(Promise.resolve([]), 'produce()'),
  }));
  await vu.runIteration(start, 'awaited', defs);
  await vu.runIteration(start, 'returned', defs);
  assert.deepEqual(warnings, [], 'no warning when the function awaits or returns the promise');
  await vu.runIteration(start, 'classic', defs);
  await vu.runIteration(start, 'classic', defs);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /listTopics\(\) was called without await in classic\(\)/);
  assert.match(warnings[0]!, /make classic\(\) async and await the call/);
});
