/** A worker thread: its execution segment of every scenario, reporting metrics every second. */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { ExitCode, StreamprobeError } from '../errors.ts';
import { segmentContext } from '../executors/segment.ts';
import { EVENT_LOOP_DELAY } from '../metrics/builtin.ts';
import { checkExecFunctions, ThreadScheduler } from '../execution/scheduler.ts';
import { transferables } from '../metrics/store.ts';
import { loadScript } from '../loader/load.ts';
import { describeError } from '../loader/source-map.ts';
import { createLogger } from '../vu/logger.ts';
import { LoopDelayMonitor } from './loop-delay.ts';
import { CLOSE_GRACE_MS } from '../vu/shared-resources.ts';
import type { FromWorker, Report, ToWorker, WorkerInit } from './messages.ts';
import { ThreadState } from '../vu/thread-state.ts';
import { ClassicVUs } from '../classic/classic-vu.ts';

const REPORT_INTERVAL_MS = 1000;

/** What a worker uses of its port to the main thread (unit tests give it a fake one). */
export type WorkerPort = Pick<MessagePort, 'postMessage' | 'on' | 'close'>;
type Send = (m: FromWorker, transfer?: ArrayBuffer[]) => void;

/** Runs a worker: loads the script, then answers the main thread's messages on `port` until it is done. */
export function serveWorker(init: WorkerInit, port: WorkerPort): Promise<void> {
  const send: Send = (m, transfer = []) => port.postMessage(m, transfer);
  /** set once the script is loaded: every way the worker ends closes the clients its VUs opened */
  let opened: ThreadState | undefined;
  return main(init, port, send, (host) => (opened = host)).catch(async (err) => {
    await opened?.shared.closeAll(CLOSE_GRACE_MS);
    const exitCode = err instanceof StreamprobeError ? err.exitCode : ExitCode.ScriptException;
    send({ type: 'error', message: err instanceof Error ? err.message : String(err), exitCode });
  });
}

if (parentPort) void serveWorker(workerData as WorkerInit, parentPort);

async function main(init: WorkerInit, port: WorkerPort, send: Send, opened: (host: ThreadState) => void): Promise<void> {
  const script = await loadScript(init.bundle);
  const stop = new AbortController();
  const host = new ThreadState(
    script.path,
    script.factory,
    script.mapStack,
    createLogger({ verbose: init.verbose }),
    init.env,
    init.options,
    {
      abort: (reason, exitCode) => {
        stop.abort();
        send({ type: 'abort', reason, exitCode });
      },
      fail: (reason) => send({ type: 'fail', reason }),
      warnOnce: (key, message) => send({ type: 'warn', key, message }),
    },
  );
  opened(host);
  if (init.keepSamples) host.store.keepIndividualSamples();
  // k6 logs a promise rejection nobody handled and goes on; so do we
  process.on('unhandledRejection', (err) => host.log.error(`Uncaught (in promise) ${describeError(err, script.mapStack, script.path)}`));
  const classic =
    init.classic && new ClassicVUs({ ...init.classic, bundle: init.bundle, options: init.options, env: init.env, verbose: init.verbose });
  const scheduler = new ThreadScheduler(
    host,
    {
      instance: segmentContext(init.segment, init.sequence),
      threads: init.workers,
      index: init.workerIndex,
      claims: init.claims,
    },
    classic && ((h, id, idInTest) => classic.create(h, id, idInTest)),
  );
  scheduler.initVUs();
  await classic?.ready();
  const first = scheduler.pool.take(1);
  checkExecFunctions(init.options, first[0]?.exports ?? {});
  scheduler.pool.giveBack(first);
  send({ type: 'ready', vusInitialized: scheduler.pool.initialized });

  const loopDelay = new LoopDelayMonitor();
  const loopDelaySeries = host.store.series(EVENT_LOOP_DELAY, init.options.tags);
  const report = (): Report => {
    loopDelay.flush(loopDelaySeries);
    const runs = scheduler.runs;
    host.counters.vusActive = runs.reduce((n, r) => n + r.active, 0);
    host.counters.vusInitialized = scheduler.pool.initialized;
    return {
      metrics: host.store.drain(),
      groups: host.groups.takeDelta(),
      scenarios: runs.map((r) => ({ name: r.config.name, progress: r.progress, active: r.active, held: r.held, started: r.started })),
      vusActive: host.counters.vusActive,
      vusInitialized: host.counters.vusInitialized,
      iterationsCompleted: host.counters.iterationsCompleted,
      iterationsInterrupted: host.counters.iterationsInterrupted,
      eventLoopDelay: loopDelay.totals(),
    };
  };

  let timer: NodeJS.Timeout | undefined;
  let finished = false;
  const finish = async () => {
    if (finished) return;
    finished = true;
    clearInterval(timer);
    loopDelay.stop();
    await classic?.stop();
    await host.shared.closeAll(CLOSE_GRACE_MS);
    const r = report();
    send({ type: 'done', report: r }, transferables(r.metrics));
    // end the thread (not terminate() from outside), so profilers and exit hooks run
    port.close();
  };

  port.on('message', async (m: ToWorker) => {
    if (m.type === 'stop') {
      host.stopping = true;
      stop.abort();
      // stopped before the start (a signal during setup): nothing else will end this thread
      if (!timer) await finish();
      return;
    }
    host.testStartEpochMs = m.startEpochMs;
    host.setupDataJson = m.setupDataJson;
    loopDelay.start();
    timer = setInterval(() => {
      const r = report();
      send({ type: 'report', report: r }, transferables(r.metrics));
    }, REPORT_INTERVAL_MS);
    try {
      await scheduler.run(performance.now() - (Date.now() - m.startEpochMs), stop.signal);
    } finally {
      await finish();
    }
  });
}
