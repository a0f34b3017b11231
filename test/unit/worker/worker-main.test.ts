/**
 * A worker's message handling, without a thread: serveWorker on a fake port, its script a bundle made in memory,
 * under virtual time. The main thread's side of the protocol (runtime/run/worker-set.ts) is tested end to end.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { ExitCode } from '../../../runtime/errors.ts';
import { claimCounters } from '../../../runtime/execution/scheduler.ts';
import type { ScriptBundle } from '../../../runtime/loader/bundle.ts';
import { consolidate } from '../../../runtime/options/consolidate.ts';
import type { FromWorker, ToWorker, WorkerInit } from '../../../runtime/worker/messages.ts';
import { serveWorker, type WorkerPort } from '../../../runtime/worker/worker-main.ts';
import { type VirtualTime, virtualTime } from '../virtual-time.ts';

/** Stands in for the worker's parentPort: records what the worker posts; `deliver` plays the main thread. */
class FakePort extends EventEmitter {
  readonly sent: FromWorker[] = [];
  closed = false;
  postMessage(m: FromWorker): void {
    this.sent.push(m);
    this.emit('posted', m);
  }
  close(): void {
    this.closed = true;
  }
  deliver(m: ToWorker): void {
    this.emit('message', m);
  }
  /** The next message of `type` the worker posts (or has posted). */
  next<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> {
    const seen = this.sent.find((m) => m.type === type);
    if (seen) return Promise.resolve(seen as Extract<FromWorker, { type: T }>);
    return new Promise((resolve) => {
      const on = (m: FromWorker) => {
        if (m.type !== type) return;
        this.off('posted', on);
        resolve(m as Extract<FromWorker, { type: T }>);
      };
      this.on('posted', on);
    });
  }
  of<T extends FromWorker['type']>(type: T): Extract<FromWorker, { type: T }>[] {
    return this.sent.filter((m) => m.type === type) as Extract<FromWorker, { type: T }>[];
  }
}

/** A bundle as esbuild would give it (CommonJS, k6 imports as require calls), without the bundler. */
function bundleOf(code: string): ScriptBundle {
  return { scriptPath: '/virtual/script.js', filename: '/virtual/script.js.bundle.js', code, sourceMap: '', modules: [] };
}

function workerOf(code: string, scenarios: Record<string, unknown>): { port: FakePort; served: Promise<void> } {
  const options = consolidate({ env: {}, cli: {}, script: { scenarios } });
  const init: WorkerInit = {
    bundle: bundleOf(code),
    options,
    env: {},
    segment: null,
    sequence: null,
    workers: 1,
    workerIndex: 0,
    claims: claimCounters(Object.keys(scenarios).length),
    verbose: false,
    keepSamples: false,
  };
  const port = new FakePort();
  return { port, served: serveWorker(init, port as unknown as WorkerPort) };
}

const sleeper = `const { sleep } = require('k6'); exports.default = async function () { await sleep(0.3); };`;

async function started(vt: VirtualTime, port: FakePort): Promise<void> {
  await vt.run(port.next('ready'));
  port.deliver({ type: 'start', startEpochMs: Date.now(), setupDataJson: undefined });
}

test('a worker says it is ready, runs its part when told to start, reports every second and then is done', async (t) => {
  const vt = virtualTime(t);
  const { port, served } = workerOf(sleeper, { s: { executor: 'constant-vus', vus: 2, duration: '2500ms' } });
  await started(vt, port);
  assert.deepEqual(port.sent[0], { type: 'ready', vusInitialized: 2 });
  const done = await vt.run(port.next('done'));
  await vt.run(served);
  // 2 VUs × 0.3 s iterations for 2.5 s: 9 each (the last one, from 2.4 s, ends within gracefulStop)
  assert.equal(done.report.iterationsCompleted, 18);
  assert.equal(done.report.iterationsInterrupted, 0);
  assert.deepEqual(
    done.report.scenarios.map((s) => [s.name, s.progress, s.started]),
    [['s', 1, 18]],
  );
  const reports = port.of('report');
  assert.equal(reports.length, 2, 'at 1 s and 2 s');
  assert.deepEqual(
    reports.map((r) => r.report.vusActive),
    [2, 2],
  );
  const iterations = [...reports, done].flatMap((r) => r.report.metrics.series.filter((s) => s.metric === 'iterations'));
  assert.ok(iterations.length > 0, 'metrics travel in the reports');
  assert.equal(port.closed, true, 'the worker ends its thread by closing its port');
});

test('a stop during the run interrupts the iterations and the worker is done at once', async (t) => {
  const vt = virtualTime(t);
  const { port } = workerOf(sleeper, { s: { executor: 'constant-vus', vus: 1, duration: '1m' } });
  await started(vt, port);
  setTimeout(() => port.deliver({ type: 'stop' }), 1000);
  const done = await vt.run(port.next('done'));
  assert.ok(vt.elapsed < 1100, `done at ${vt.elapsed} ms`);
  assert.equal(done.report.iterationsInterrupted, 1);
  assert.equal(done.report.iterationsCompleted, 3);
});

test('a stop before the start (a signal during setup) ends the worker', async (t) => {
  const vt = virtualTime(t);
  const { port } = workerOf(sleeper, { s: { executor: 'constant-vus', vus: 1, duration: '1s' } });
  await vt.run(port.next('ready'));
  port.deliver({ type: 'stop' });
  const done = await vt.run(port.next('done'));
  assert.equal(done.report.iterationsCompleted, 0);
  assert.equal(port.closed, true);
});

test('a script that throws in its init context: an error message with exit code 107, no ready', async (t) => {
  const vt = virtualTime(t);
  const { port, served } = workerOf(`throw new Error('no config');`, { s: { executor: 'shared-iterations' } });
  await vt.run(served);
  assert.deepEqual(
    port.sent.map((m) => m.type),
    ['error'],
  );
  const error = port.of('error')[0]!;
  assert.equal(error.exitCode, ExitCode.ScriptException);
  assert.match(error.message, /init context: .*no config/);
});

test('a scenario whose exec function the script does not export: an invalid-config error naming the fix', async (t) => {
  const vt = virtualTime(t);
  const { port, served } = workerOf(`exports.default = function () {};`, { s: { executor: 'shared-iterations', exec: 'verify' } });
  await vt.run(served);
  const error = port.of('error')[0]!;
  assert.equal(error.exitCode, ExitCode.InvalidConfig);
  assert.match(error.message, /scenario "s" runs "verify", but the script does not export a function named "verify"/);
});

test('exec.test.abort() and exec.test.fail() reach the main thread', async (t) => {
  const vt = virtualTime(t);
  const { port } = workerOf(
    `const exec = require('k6/execution');
     exports.default = function () {
       exec.test.fail('bad data');
       if (exec.scenario.iterationInTest === 2) exec.test.abort('enough');
     };`,
    { s: { executor: 'shared-iterations', iterations: 5 } },
  );
  await started(vt, port);
  const done = await vt.run(port.next('done'));
  assert.deepEqual(
    port.of('abort').map((m) => [m.reason, m.exitCode]),
    [['test aborted: enough', ExitCode.ScriptAborted]],
  );
  assert.deepEqual(
    port.of('fail').map((m) => m.reason),
    ['bad data', 'bad data', 'bad data'],
  );
  assert.equal(done.report.iterationsCompleted, 3, 'no iteration starts after the abort');
});
