/**
 * One classic VU on its own thread: the script's init context and iterations run here, and its
 * blocking calls wait on the I/O thread. Bundled to one CommonJS file (vu-runtime.ts) so each
 * thread loads plain JavaScript, without tsx or the Kafka client.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ExitCode, StreamprobeError } from '../errors.ts';
import { compileScript } from '../loader/compile.ts';
import { describeError, stackMapper } from '../loader/source-map.ts';
import { ITERATION_DURATION, ITERATIONS } from '../metrics/builtin.ts';
import { transferables } from '../metrics/store.ts';
import { overrideModules } from '../modules/registry.ts';
import { createLogger } from '../vu/logger.ts';
import type { ScenarioState } from '../vu-context/scenario-state.ts';
import { VU } from '../vu/vu.ts';
import { ThreadState } from '../vu/thread-state.ts';
import { BlockingClient } from './blocking-client.ts';
import { classicModules } from './classic-modules.ts';
import type { FromVUThread, MetricsDelta, ToVUThread, VUThreadInit } from './vu-messages.ts';

/** Metrics reach the scheduler at most this often (and at the end); it reports to the main thread every second. */
const DELTA_INTERVAL_MS = 1000;
const DEFS = { iterations: ITERATIONS, duration: ITERATION_DURATION };

const init = workerData as VUThreadInit;
const port = parentPort!;
const send = (m: FromVUThread, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

function main(): void {
  const client = new BlockingClient(init.port, init.cells);
  overrideModules(classicModules(client));
  const bundle = init.bundle;
  const host = new ThreadState(
    bundle.scriptPath,
    compileScript(bundle, { cachedData: init.scriptCache }),
    stackMapper(bundle),
    createLogger({ verbose: init.verbose }),
    init.env,
    init.options,
    {
      abort: (reason, exitCode) => send({ type: 'abort', reason, exitCode }),
      fail: (reason) => send({ type: 'fail', reason }),
      warnOnce: (key, message) => send({ type: 'warn', key, message }),
    },
  );
  // k6 logs a promise rejection nobody handled and goes on; so does the async runtime
  process.on('unhandledRejection', (err) =>
    host.log.error(`Uncaught (in promise) ${describeError(err, host.mapStack, bundle.scriptPath)}`),
  );
  const vu = new VU(host, init.id, init.idInTest);
  client.onInterrupt = () => vu.interrupt('graceful stop ended');
  vu.init();
  send({ type: 'ready', exports: Object.keys(vu.exports).filter((k) => typeof vu.exports[k] === 'function') });

  const scenarios = new Map<string, ScenarioState & { progressNow: number }>();
  let lastDelta = performance.now();
  const delta = (): MetricsDelta => {
    lastDelta = performance.now();
    return { metrics: host.store.drain(), groups: host.groups.takeDelta() };
  };

  port.on('message', async (m: ToVUThread) => {
    if (m.type === 'stop') {
      const d = delta();
      send({ type: 'final', delta: d }, transferables(d.metrics));
      client.close();
      port.close();
      return;
    }
    if (m.test) {
      host.testStartEpochMs = m.test.startEpochMs;
      host.setupDataJson = m.test.setupDataJson;
    }
    let state = scenarios.get(m.scenario.config.name);
    if (!state) {
      const s = { config: m.scenario.config, startEpochMs: m.scenario.startEpochMs, progressNow: 0, progress: () => s.progressNow };
      scenarios.set(m.scenario.config.name, (state = s));
    }
    state.progressNow = m.scenario.progress;
    vu.enterScenario(state);
    const outcome = await vu.runIteration(m.start, m.exec, DEFS);
    if (performance.now() - lastDelta < DELTA_INTERVAL_MS) return send({ type: 'done', outcome });
    const d = delta();
    send({ type: 'done', outcome, delta: d }, transferables(d.metrics));
  });
}

try {
  main();
} catch (err) {
  const exitCode = err instanceof StreamprobeError ? err.exitCode : ExitCode.ScriptException;
  send({ type: 'error', message: err instanceof Error ? err.message : String(err), exitCode });
}
