/**
 * A VU's own rules (k6's): its init context, open(), per-scenario __ENV and tags, the iteration's outcome and
 * metrics, errors and aborts, setup data, lifecycle calls. Timers run in virtual time.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ExitCode, StreamprobeError } from '../../../runtime/errors.ts';
import type { ScenarioBase } from '../../../runtime/executors/types.ts';
import { ITERATION_DURATION, ITERATIONS } from '../../../runtime/metrics/builtin.ts';
import { TestAbortError } from '../../../runtime/vu-context/test-abort-error.ts';
import type { ScenarioState } from '../../../runtime/vu-context/scenario-state.ts';
import { LifecycleRejection } from '../../../runtime/vu/vu.ts';
import { virtualTime } from '../virtual-time.ts';
import { vuOf } from './script-vu.ts';

const defs = { iterations: ITERATIONS, duration: ITERATION_DURATION };
const start = (n = 0) => ({ iterationInInstance: n, iterationInTest: n });
const dir = mkdtempSync(path.join(tmpdir(), 'streamprobe-vu-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function scenario(name: string, extra: Partial<ScenarioBase> = {}): ScenarioState {
  const config: ScenarioBase = {
    name,
    executor: 'constant-vus',
    startTimeMs: 0,
    gracefulStopMs: 30_000,
    exec: 'default',
    env: {},
    tags: {},
    ...extra,
  };
  return { config, startEpochMs: 0, progress: () => 0 };
}

test('a throw in the init context: a script error (107) that says where', () => {
  assert.throws(
    () =>
      vuOf(() => {
        throw new Error('bad option');
      }),
    (e: unknown) =>
      e instanceof StreamprobeError && e.exitCode === ExitCode.ScriptException && /init context: Error: bad option/.test(e.message),
  );
});

test('open() reads a file relative to the script once per thread, as text or bytes; not after init; a missing file names the path', () => {
  writeFileSync(path.join(dir, 'data.txt'), 'hello');
  const scriptPath = path.join(dir, 'script.js');
  const opened: unknown[] = [];
  const { vu, host } = vuOf(
    (g) => {
      opened.push(g.open('data.txt'), g.open('./data.txt', 'b'));
      return { default: () => g.open('data.txt'), missing: () => g.open('nope.txt') };
    },
    { scriptPath },
  );
  assert.equal(opened[0], 'hello');
  assert.deepEqual(new Uint8Array(opened[1] as ArrayBuffer), new TextEncoder().encode('hello'));
  assert.equal(host.files.size, 1, 'one read per file per thread');
  assert.throws(
    () => vuOf((g) => ({ x: g.open('nope.txt') }), { scriptPath }),
    /open\("nope.txt"\): no such file \(looked for .*nope\.txt\)/,
  );
  vu.phase = 'iteration';
  assert.throws(() => (vu.exports.default as () => unknown)(), /open\(\) can only be called in the init context/);
});

test('entering a scenario sets its __ENV over the base env (and drops the previous scenario’s) and its tags', () => {
  const { vu } = vuOf(() => ({}), { baseEnv: { BASE: '1', SHARED: 'base' }, options: { tags: { env: 'ci' } } });
  vu.enterScenario(scenario('a', { env: { A: 'a', SHARED: 'a' }, tags: { team: 'x' } }));
  assert.deepEqual(vu.env, { BASE: '1', SHARED: 'a', A: 'a' });
  assert.deepEqual(vu.currentTags(), { env: 'ci', team: 'x', scenario: 'a', group: '' });
  vu.enterScenario(scenario('b'));
  assert.deepEqual(vu.env, { BASE: '1', SHARED: 'base' });
  assert.deepEqual(vu.currentTags(), { env: 'ci', scenario: 'b', group: '' });
});

test('system tags leave out scenario and group when not listed; exec.vu.metrics.tags join and leave the tag set', () => {
  const { vu, logs } = vuOf(() => ({}), { options: { tags: {}, systemTags: ['status'] } });
  vu.enterScenario(scenario('a'));
  assert.deepEqual(vu.currentTags(), {});
  vu.dynamicTags.user = 7 as unknown as string;
  assert.deepEqual(vu.currentTags(), { user: '7' });
  vu.dynamicTags.bad = {} as unknown as string;
  assert.match(logs.at(-1)!, /warn exec\.vu\.metrics\.tags: the value of tag "bad" must be a string, number or boolean/);
  delete vu.dynamicTags.user;
  assert.deepEqual(vu.currentTags(), {});
});

test('emit: samples carry the VU’s tags merged with the call’s, frozen or not', () => {
  const { vu, host } = vuOf(() => ({}));
  vu.enterScenario(scenario('a'));
  const frozen = Object.freeze({ kind: 'f' });
  vu.emit(ITERATIONS, 1, frozen);
  vu.emit(ITERATIONS, 1, frozen);
  vu.emit(ITERATIONS, 1, { kind: 'loose' });
  vu.emit(ITERATIONS, 1);
  assert.equal(host.store.values('iterations', { scenario: 'a', kind: 'f' })?.count, 2);
  assert.equal(host.store.values('iterations', { scenario: 'a', kind: 'loose' })?.count, 1);
  assert.equal(host.store.values('iterations', { scenario: 'a' })?.count, 4);
});

test('an iteration that throws is logged with its executor and scenario and still completes (k6)', async () => {
  const { vu, host, logs } = vuOf(() => ({
    default: () => {
      throw new Error('no such key');
    },
  }));
  vu.enterScenario(scenario('a'));
  assert.equal(await vu.runIteration(start(), 'default', defs), 'complete');
  assert.match(logs.at(-1)!, /^error Error: no such key[\s\S]* executor=constant-vus scenario=a source=stacktrace$/);
  assert.equal(host.counters.iterationsCompleted, 1);
  assert.equal(host.store.values('iterations')?.count, 1);
});

test('exec.test.abort() and an unreachable system under test abort the whole test with their exit codes', async () => {
  const { vu, events } = vuOf(() => ({
    aborts: () => {
      throw new TestAbortError('enough');
    },
    unreachable: async () => {
      throw new StreamprobeError('no broker at 127.0.0.1:1', ExitCode.SUTUnreachable);
    },
  }));
  await vu.runIteration(start(), 'aborts', defs);
  await vu.runIteration(start(1), 'unreachable', defs);
  assert.deepEqual(events, ['abort 108 test aborted: enough']);
  const again = vuOf(() => ({
    unreachable: async () => {
      throw new StreamprobeError('no broker at 127.0.0.1:1', ExitCode.SUTUnreachable);
    },
  }));
  await again.vu.runIteration(start(), 'unreachable', defs);
  assert.deepEqual(again.events, ['abort 111 no broker at 127.0.0.1:1']);
});

test('__ITER counts per VU across scenarios; iterationInScenario restarts in each scenario', async () => {
  const iters: number[] = [];
  const { vu } = vuOf(() => ({ default: () => {} }));
  (vu as unknown as { instance: { setIter(i: number): void } }).instance.setIter = (i) => void iters.push(i);
  vu.enterScenario(scenario('a'));
  await vu.runIteration(start(), 'default', defs);
  await vu.runIteration(start(1), 'default', defs);
  vu.enterScenario(scenario('b'));
  await vu.runIteration(start(2), 'default', defs);
  assert.deepEqual(iters, [0, 1, 2]);
  assert.equal(vu.iterationInScenario, 0);
});

test('setup() data is parsed once per VU and shared by its iterations', async () => {
  const seen: unknown[] = [];
  const { vu, host } = vuOf(() => ({ default: (data: unknown) => void seen.push(data) }));
  host.setupDataJson = '{"topic":"t1"}';
  await vu.runIteration(start(), 'default', defs);
  await vu.runIteration(start(1), 'default', defs);
  assert.deepEqual(seen[0], { topic: 't1' });
  assert.equal(seen[0], seen[1], 'the same object');
});

test('minIterationDuration holds a short iteration until it is over', async (t) => {
  const vt = virtualTime(t);
  const { vu } = vuOf(() => ({ default: () => {} }), { options: { tags: {}, minIterationDurationMs: 500 } });
  assert.equal(await vt.run(vu.runIteration(start(), 'default', defs)), 'complete');
  assert.equal(vt.elapsed, 500);
});

test('timers keep the iteration running until they fire; an interrupt clears them and aborts the VU’s signal', async (t) => {
  const vt = virtualTime(t);
  let late = false;
  let ticks = 0;
  let signal: AbortSignal | undefined;
  const { vu } = vuOf((g) => ({
    default: () => {
      g.setTimeout(() => (late = true), 300);
      const id = g.setInterval(() => ++ticks === 4 && g.clearInterval(id), 100);
    },
    forever: () => {
      signal = vu.signal;
      g.setInterval(() => ticks++, 100);
    },
  }));
  assert.equal(vu.signal.aborted, false, 'outside an iteration: a signal that never aborts');
  await vt.run(vu.runIteration(start(), 'default', defs));
  assert.deepEqual([late, ticks, vt.elapsed], [true, 4, 400], 'the iteration ends when its interval is cleared');
  setTimeout(() => vu.interrupt('graceful stop ended'), 250);
  assert.equal(await vt.run(vu.runIteration(start(1), 'forever', defs)), 'interrupted');
  assert.equal(signal?.aborted, true);
  assert.deepEqual([ticks, vt.elapsed], [6, 650]);
  await vt.run(new Promise((resolve) => setTimeout(resolve, 1000)));
  assert.equal(ticks, 6, 'the interval stopped with the interrupt');
});

test('lifecycle calls: the value of setup(), group ::setup while it runs, a rejection kept apart from a throw', async () => {
  const groups: string[] = [];
  const { vu } = vuOf(() => ({
    setup: () => {
      groups.push(vu.groupPath);
      return { id: 1 };
    },
    teardown: async (data: unknown) => {
      groups.push(vu.groupPath);
      throw new Error(`teardown of ${JSON.stringify(data)}`);
    },
  }));
  assert.deepEqual(await vu.runLifecycle('setup'), { id: 1 });
  assert.equal(vu.phase, 'setup');
  await assert.rejects(
    vu.runLifecycle('teardown', { id: 1 }),
    (e: unknown) => e instanceof LifecycleRejection && (e.reason as Error).message === 'teardown of {"id":1}',
  );
  assert.equal(await vu.runLifecycle('handleSummary', {}), undefined, 'not exported');
  assert.deepEqual(groups, ['::setup', '::teardown']);
  assert.equal(vu.groupPath, '');
});
