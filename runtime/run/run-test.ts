/**
 * `streamprobe run`: options pass, workers, setup, the run with live metrics and thresholds,
 * teardown, summary, exit code — the whole k6 lifecycle on the main thread. However the run ends,
 * `Shutdown` closes what it opened (main-thread clients, workers) within a bounded time.
 */
import { availableParallelism } from 'node:os';
import { ExitCode, StreamprobeError, type ExitCodeValue } from '../errors.ts';
import { checkExecFunctions, claimCounters, planScenarios, plannedVUs, type PlannedScenario } from '../execution/scheduler.ts';
import { SegmentContext } from '../executors/segment.ts';
import { settlesWithin } from '../timing/settles-within.ts';
import { loadScript, type LoadedScript } from '../loader/load.ts';
import { describeError } from '../loader/source-map.ts';
import { VUS, VUS_MAX } from '../metrics/builtin.ts';
import { readConfigFile } from '../options/config-file.ts';
import { consolidate } from '../options/consolidate.ts';
import { formatDuration } from '../units/duration.ts';
import { parseEnvOptions } from '../options/env-options.ts';
import { buildScriptEnv } from '../options/script-env.ts';
import type { ConsolidatedOptions } from '../options/types.ts';
import { createOutputs, type OutputManager } from '../output/manager.ts';
import { applySaturationGuard, SaturationProbe } from '../saturation/probe.ts';
import { evaluateThresholds } from '../thresholds/evaluate.ts';
import { parseThresholds, type MetricThresholds } from '../thresholds/parse.ts';
import type { Logger } from '../vu-context/context.ts';
import { createLogger } from '../vu/logger.ts';
import { CLOSE_GRACE_MS } from '../vu/shared-resources.ts';
import { VU } from '../vu/vu.ts';
import type { Report, WorkerInit } from '../worker/messages.ts';
import { ThreadState, type HostEvents } from '../vu/thread-state.ts';
import { banner } from './banner.ts';
import { runStage, setupDataToJson } from './lifecycle.ts';
import { crossedThresholds, crossedThresholdsMessage, RunOutcome } from './outcome.ts';
import { ProgressPrinter, progressLines, progressState } from './progress.ts';
import { exitWhenFlushed, Shutdown, trapSignals } from './shutdown.ts';
import { summaryData, writeSummary } from './end-of-test.ts';
import type { SummaryData } from '../summary/data.ts';
import type { RunRequest } from './run-request.ts';
import { WorkerSet } from './worker-set.ts';
import { ClassicSession } from '../classic/session.ts';
import { checkCapacity } from '../classic/vu-resources.ts';

const THRESHOLD_INTERVAL_MS = 2000;
const HANDLE_SUMMARY_TIMEOUT_MS = 120_000;
/** how long stopped workers get to interrupt their iterations and close their clients before they are terminated */
const WORKER_STOP_GRACE_MS = 5000;

export async function runTest(args: RunRequest): Promise<ExitCodeValue> {
  const log = createLogger({ verbose: args.runtime.verbose });
  for (const w of args.warnings) log.warn(w);
  const script = await loadScript(args.scriptPath);
  const env = buildScriptEnv(process.env, args.env, args.runtime.includeSystemEnvVars);

  const outcome = new RunOutcome();
  const shutdown = new Shutdown(log);
  // classic mode's I/O thread does not keep the process alive: every exit path may leave it
  const classic = await ClassicSession.open(args.runtime.mode, script.bundle, args.runtime.verbose, args.runtime.workers);
  shutdown.onEnd(() => classic.close());
  const untrap = trapSignals(
    (signal) => outcome.abort(`test run was aborted because streamprobe received a '${signal}' signal`, ExitCode.ExternalAbort),
    (signal) => {
      log.error(`aborting at once in response to a second '${signal}' signal`);
      // clients get a moment to close (the closing may have started already, with a longer grace)
      void settlesWithin(shutdown.close(CLOSE_GRACE_MS), CLOSE_GRACE_MS / 4).then(() => exitWhenFlushed(ExitCode.ExternalAbort));
    },
  );
  // k6 logs a promise rejection nobody handled and goes on; so do we, up to the exit (Node would end the process)
  process.on('unhandledRejection', (err) => log.error(`Uncaught (in promise) ${describeError(err, script.mapStack, script.path)}`));
  try {
    return await runPhases({ args, log, script, env, outcome, shutdown, classic, events: hostEvents(outcome, log) });
  } finally {
    untrap();
    await shutdown.close(WORKER_STOP_GRACE_MS + CLOSE_GRACE_MS);
  }
}

interface RunContext {
  readonly args: RunRequest;
  readonly log: Logger;
  readonly script: LoadedScript;
  readonly env: Record<string, string>;
  readonly outcome: RunOutcome;
  readonly shutdown: Shutdown;
  readonly classic: ClassicSession;
  readonly events: HostEvents;
}

/** What main-thread hosts and workers report: aborts and failures decide the outcome; warnings show once per run. */
function hostEvents(outcome: RunOutcome, log: Logger): HostEvents {
  const warned = new Set<string>();
  return {
    abort: (reason, exitCode) => outcome.abort(reason, exitCode),
    fail: () => outcome.fail(),
    warnOnce: (key, message) => {
      if (warned.has(key)) return;
      warned.add(key);
      log.warn(message);
    },
  };
}

async function runPhases(ctx: RunContext): Promise<ExitCodeValue> {
  const { args, log, script, env, outcome, shutdown, events } = ctx;
  const { options, thresholds, exports } = optionsPass(ctx);
  const mode = await ctx.classic.settle(
    exports,
    Object.values(options.scenarios).map((s) => s.exec),
  );
  const planned = planScenarios(options, SegmentContext.full);
  // classic: one scheduler thread; the VUs' own threads do the work
  const workers = mode === 'classic' ? 1 : Math.max(1, Math.min(args.runtime.workers || availableParallelism(), plannedVUs(planned) || 1));
  if (mode === 'classic') checkCapacity(planned.reduce((n, p) => n + p.vus, 0));
  const quiet = args.runtime.quiet || process.env.CI === 'true';
  const colors = !args.runtime.noColor && Boolean(process.stdout.isTTY);
  const outputs = createOutputs(options.out, { scriptPath: args.scriptPath, options, env: process.env, log }, args.runtime);
  // the normal end stops them with the test's end; any other end stops them without (stop runs once)
  shutdown.onEnd(() => outputs.stop(undefined));
  if (!args.runtime.quiet) process.stdout.write(banner(args.scriptPath, planned, workers, outputs.descriptions, mode) + '\n');

  const main = new ThreadState(script.path, script.factory, script.mapStack, log, env, options, events);
  shutdown.onEnd(() => main.shared.closeAll(CLOSE_GRACE_MS));
  const reports = new Map<number, Report>();
  const set = startWorkers(ctx, options, workers, planned.length, main, reports, outputs, await ctx.classic.workerSettings());
  shutdown.onEnd(() => set.stop(WORKER_STOP_GRACE_MS));

  // A run that fails outside its scenarios (a VU's init, setup(), teardown(), a signal before the start) ends with that
  // error, but after the summary and the outputs' end, as in k6 (it defers both): what did run is still reported.
  let failed = (await failureOf(() => Promise.race([set.whenReady(), outcome.whenAborted()]))) ?? abortError(outcome);
  let setupDataJson: string | undefined;
  if (!failed && !options.noSetup) {
    failed = await failureOf(async () => {
      const setup = await runStage(main, 'setup', undefined, options.setupTimeoutMs, outcome.aborted);
      setupDataJson = setupDataToJson(setup.value);
    });
  }
  failed ??= abortError(outcome);
  main.setupDataJson = setupDataJson;

  const saturation = new SaturationProbe();
  let durationMs = 0;
  if (!failed) {
    durationMs = await runScenarios(ctx, {
      set,
      main,
      planned,
      reports,
      workers,
      thresholds,
      setupDataJson,
      quiet,
      outputs,
      saturation,
    });
    const abort = outcome.abortedBy;
    if (abort) log.error(abort.reason);
    if (!options.noTeardown && abort?.exitCode !== ExitCode.SUTUnreachable) {
      const data = setupDataJson === undefined ? undefined : JSON.parse(setupDataJson);
      failed = await failureOf(() => runStage(main, 'teardown', data, options.teardownTimeoutMs, outcome.aborted));
    }
  }
  const evaluation = evaluateThresholds(thresholds, main.store, { elapsedMs: durationMs, final: true });

  const summary = summaryData({
    store: main.store,
    options,
    thresholds,
    evaluation,
    groups: main.groups.snapshot(),
    durationMs,
    setupDataJson,
  });
  if (options.summaryMode !== 'disabled' || exports.handleSummary) await endOfTestSummary(main, summary, options, colors, log);
  const exitCode =
    failed?.exitCode ?? applySaturationGuard(outcome.exitCode(evaluation), saturation, main.store, reports, args.runtime, log);
  const crossed = failed ? undefined : crossedThresholdsMessage(evaluation);
  if (crossed) log.error(crossed);
  await outputs.stop({ summary, thresholds: evaluation, exitCode, durationMs });
  if (failed) throw failed;
  return exitCode;
}

/**
 * handleSummary()'s result, or the default summary. As in k6, a handleSummary() that throws is logged and the default
 * summary printed instead (one that outlives its timeout only logged); the exit code stays the test's.
 */
async function endOfTestSummary(
  main: ThreadState,
  summary: SummaryData,
  options: ConsolidatedOptions,
  colors: boolean,
  log: Logger,
): Promise<void> {
  let handled: { ran: boolean; value?: unknown };
  try {
    handled = await runStage(main, 'handleSummary', summary, HANDLE_SUMMARY_TIMEOUT_MS);
  } catch (err) {
    const error = asStreamprobeError(err);
    log.error(error.message);
    if (error.exitCode === ExitCode.GenericTimeout) return;
    handled = { ran: false };
  }
  if (handled.ran || options.summaryMode !== 'disabled') writeSummary(summary, handled.ran ? handled.value : undefined, options, colors);
}

/** What `work` failed with, as the error that ends the run; undefined when it succeeded. */
async function failureOf(work: () => Promise<unknown>): Promise<StreamprobeError | undefined> {
  try {
    await work();
    return undefined;
  } catch (err) {
    return asStreamprobeError(err);
  }
}

function asStreamprobeError(err: unknown): StreamprobeError {
  return err instanceof StreamprobeError ? err : new StreamprobeError(String(err), ExitCode.ScriptException, { cause: err });
}

/** The abort (a signal, a VU whose init failed) as the error that ends the run, if there was one. */
function abortError(outcome: RunOutcome): StreamprobeError | undefined {
  const abort = outcome.abortedBy;
  return abort && new StreamprobeError(abort.reason, abort.exitCode);
}

/** The options pass: VU 0's init context gives `options` and registers custom metrics. */
function optionsPass(ctx: RunContext): { options: ConsolidatedOptions; thresholds: MetricThresholds[]; exports: Record<string, unknown> } {
  const { args, log, script, env, shutdown, events } = ctx;
  const host = new ThreadState(script.path, script.factory, script.mapStack, log, env, undefined, events);
  shutdown.onEnd(() => host.shared.closeAll(CLOSE_GRACE_MS));
  const vu0 = new VU(host, 0, 0);
  vu0.init();
  const options = consolidate({
    config: args.runtime.configPath ? readConfigFile(args.runtime.configPath) : undefined,
    configPath: args.runtime.configPath ?? undefined,
    script: vu0.exports.options,
    env: parseEnvOptions(process.env),
    cli: args.cliOptions,
  });
  for (const w of options.warnings) log.warn(w);
  const thresholds = options.noThresholds ? [] : parseThresholds(options.thresholds, host.registry);
  checkExecFunctions(options, vu0.exports);
  return { options, thresholds, exports: vu0.exports };
}

function startWorkers(
  ctx: RunContext,
  options: ConsolidatedOptions,
  workers: number,
  scenarios: number,
  main: ThreadState,
  reports: Map<number, Report>,
  outputs: OutputManager,
  classic: WorkerInit['classic'],
): WorkerSet {
  const { args, script, env, events } = ctx;
  const claims = claimCounters(scenarios);
  return new WorkerSet(
    Array.from({ length: workers }, (_, i) => ({
      bundle: script.bundle,
      options,
      env,
      segment: options.executionSegment,
      sequence: options.executionSegmentSequence,
      workers,
      workerIndex: i,
      claims,
      verbose: args.runtime.verbose,
      keepSamples: outputs.keepSamples,
      classic,
    })),
    {
      report: (i, r) => {
        main.store.merge(r.metrics);
        outputs.collect(r.metrics);
        main.groups.merge(r.groups);
        reports.set(i, r);
      },
      abort: (reason, code) => events.abort(reason, code as ExitCodeValue),
      fail: (reason) => events.fail(reason),
      warnOnce: (key, message) => events.warnOnce(key, message),
    },
  );
}

interface ScenarioRunArgs {
  set: WorkerSet;
  main: ThreadState;
  planned: PlannedScenario[];
  reports: Map<number, Report>;
  workers: number;
  thresholds: MetricThresholds[];
  setupDataJson: string | undefined;
  quiet: boolean;
  outputs: OutputManager;
  saturation: SaturationProbe;
}

/** Starts the workers' scenarios and waits for their end or an abort, with live progress and thresholds. Returns the run's duration. */
async function runScenarios(ctx: RunContext, run: ScenarioRunArgs): Promise<number> {
  const { outcome } = ctx;
  const { set, main, reports, quiet, thresholds, outputs, saturation } = run;
  const options = main.options!;
  const startEpochMs = Date.now();
  main.testStartEpochMs = startEpochMs;
  await outputs.start(startEpochMs);
  set.send({ type: 'start', startEpochMs, setupDataJson: run.setupDataJson });
  saturation.start();

  const progress = new ProgressPrinter(process.stderr);
  const labels = new Map(run.planned.map((p) => [p.config.name, formatDuration(p.toMs - p.fromMs)]));
  const vusSeries = main.store.series(VUS, options.tags);
  const vusMaxSeries = main.store.series(VUS_MAX, options.tags);
  const draw = (final: boolean) =>
    progress.draw(progressLines(progressState([...reports.values()], labels, Date.now() - startEpochMs)), final);
  const tick = setInterval(() => {
    if (reports.size < run.workers) return;
    const state = progressState([...reports.values()], labels, 0);
    vusSeries.add(state.vusActive);
    vusMaxSeries.add(state.vusMax);
    outputs.add(VUS, options.tags, state.vusActive);
    outputs.add(VUS_MAX, options.tags, state.vusMax);
    if (!quiet) draw(false);
  }, 1000);
  const thresholdTimer = setInterval(() => {
    const e = evaluateThresholds(thresholds, main.store, { elapsedMs: Date.now() - startEpochMs, final: false });
    if (e.abort) {
      const names = crossedThresholds(e).join(', ');
      outcome.abort(
        `thresholds on metrics '${names}' were crossed; at least one has abortOnFail enabled, stopping test prematurely`,
        ExitCode.ThresholdsHaveFailed,
      );
    }
  }, THRESHOLD_INTERVAL_MS);
  try {
    await Promise.race([set.allDone(), outcome.whenAborted()]);
    saturation.stop();
    // after an abort, workers interrupt their iterations and close their clients; any left after the grace are terminated
    await set.stop(WORKER_STOP_GRACE_MS);
  } finally {
    clearInterval(tick);
    clearInterval(thresholdTimer);
  }
  const durationMs = Date.now() - startEpochMs;
  if (!quiet) draw(true);
  return durationMs;
}
