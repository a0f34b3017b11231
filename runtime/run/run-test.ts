/**
 * `streamprobe run`: options pass, workers, setup, the run with live metrics and thresholds,
 * teardown, summary, exit code — the whole k6 lifecycle on the main thread.
 */
import { availableParallelism } from 'node:os';
import { parseRunArgs } from '../cli/args.ts';
import { RUN_USAGE } from '../cli/help.ts';
import { ConfigError, ExitCode, type ExitCodeValue } from '../errors.ts';
import { checkExecFunctions, claimCounters, planScenarios, plannedVUs } from '../execution/scheduler.ts';
import { SegmentContext } from '../execution/segment.ts';
import { loadScript } from '../loader/load.ts';
import { VUS, VUS_MAX } from '../metrics/builtin.ts';
import { readConfigFile } from '../options/config-file.ts';
import { consolidate } from '../options/consolidate.ts';
import { formatDuration } from '../options/duration.ts';
import { parseEnvOptions } from '../options/env.ts';
import { buildScriptEnv } from '../options/env-vars.ts';
import type { ConsolidatedOptions } from '../options/types.ts';
import { evaluateThresholds, type ThresholdsEvaluation } from '../thresholds/evaluate.ts';
import { parseThresholds } from '../thresholds/parse.ts';
import { createLogger } from '../vu/logger.ts';
import { VU } from '../vu/vu.ts';
import type { Report } from '../worker/messages.ts';
import { LocalHost } from '../worker/thread-host.ts';
import { banner } from './banner.ts';
import { runStage, setupDataToJson } from './lifecycle.ts';
import { ProgressPrinter, progressLines, progressState } from './progress.ts';
import { summaryData, writeSummary } from './end-of-test.ts';
import { WorkerSet } from './worker-set.ts';
import { ClassicSession } from '../classic/session.ts';
import { checkCapacity } from '../classic/vu-resources.ts';

const THRESHOLD_INTERVAL_MS = 2000;
const HANDLE_SUMMARY_TIMEOUT_MS = 120_000;

export async function runTest(argv: readonly string[]): Promise<ExitCodeValue> {
  const args = parseRunArgs(argv, process.env);
  if (args.runtime.help) {
    process.stdout.write(RUN_USAGE);
    return ExitCode.OK;
  }
  const log = createLogger({ verbose: args.runtime.verbose });
  for (const w of args.warnings) log.warn(w);
  const script = await loadScript(args.scriptPath);
  const env = buildScriptEnv(process.env, args.env, args.runtime.includeSystemEnvVars);
  // classic mode's I/O thread does not keep the process alive: every exit path may leave it
  const classic = await ClassicSession.open(args.runtime.mode, script.bundle, args.runtime.verbose);

  // Outcome of the run, decided by whichever happens first.
  let abort: { reason: string; exitCode: ExitCodeValue } | undefined;
  let failed = false;
  const events = {
    abort: (reason: string, exitCode: ExitCodeValue) => {
      if (!abort) abort = { reason, exitCode };
    },
    fail: () => {
      failed = true;
    },
  };

  // The options pass: VU 0's init context gives `options` and registers custom metrics.
  const optionsHost = new LocalHost(script.path, script.factory, script.mapStack, log, env, undefined, events);
  const vu0 = new VU(optionsHost, 0, 0);
  vu0.init();
  const options = consolidate({
    config: args.runtime.configPath ? readConfigFile(args.runtime.configPath) : undefined,
    configPath: args.runtime.configPath ?? undefined,
    script: vu0.exports.options,
    env: parseEnvOptions(process.env),
    cli: args.cliOptions,
  });
  for (const w of options.warnings) log.warn(w);
  if (options.out.length > 0) {
    // outputs come with their own work; until then a run must not silently write nothing
    throw new ConfigError(`output "${options.out[0]!.type}" is not available in this version of streamprobe; use --summary-export FILE or handleSummary() for results`);
  }
  const thresholds = options.noThresholds ? [] : parseThresholds(options.thresholds, optionsHost.registry);
  checkExecFunctions(options, vu0.exports);
  const mode = await classic.settle(vu0.exports, Object.values(options.scenarios).map((s) => s.exec));

  const planned = planScenarios(options, SegmentContext.full);
  // classic: one scheduler thread; the VUs' own threads do the work
  const workers = mode === 'classic' ? 1 : Math.max(1, Math.min(args.runtime.workers || availableParallelism(), plannedVUs(planned) || 1));
  if (mode === 'classic') checkCapacity(planned.reduce((n, p) => n + p.vus, 0));
  const classicWorker = await classic.workerSettings();
  const quiet = args.runtime.quiet || process.env.CI === 'true';
  const colors = !args.runtime.noColor && Boolean(process.stdout.isTTY);
  if (options.summaryMode !== 'disabled' || !quiet) {
    process.stdout.write(banner(args.scriptPath, planned, workers, options.out.map((o) => o.type), mode) + '\n');
  }

  const main = new LocalHost(script.path, script.factory, script.mapStack, log, env, options, events);
  const reports = new Map<number, Report>();
  const claims = claimCounters(planned.length);
  const set = new WorkerSet(
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
      classic: classicWorker,
    })),
    {
      report: (i, r) => {
        main.store.merge(r.metrics);
        main.groups.merge(r.groups);
        reports.set(i, r);
      },
      abort: (reason, code) => events.abort(reason, code as ExitCodeValue),
      fail: () => events.fail(),
    },
  );
  const stopWorkers = () => set.send({ type: 'stop' });
  const onSignal = () => {
    events.abort('stopped by signal', ExitCode.ExternalAbort);
    stopWorkers();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let evaluation: ThresholdsEvaluation | undefined;
  let durationMs = 0;
  try {
    await set.whenReady();

    let setupDataJson: string | undefined;
    if (!options.noSetup) {
      const setup = await runStage(main, 'setup', undefined, options.setupTimeoutMs);
      setupDataJson = setupDataToJson(setup.value);
    }
    main.setupDataJson = setupDataJson;

    const startEpochMs = Date.now();
    main.testStartEpochMs = startEpochMs;
    set.send({ type: 'start', startEpochMs, setupDataJson });

    const progress = new ProgressPrinter(process.stderr);
    const labels = new Map(planned.map((p) => [p.config.name, formatDuration(p.toMs - p.fromMs)]));
    const vusSeries = main.store.series(VUS, options.tags);
    const vusMaxSeries = main.store.series(VUS_MAX, options.tags);
    const draw = (final: boolean) => progress.draw(progressLines(progressState([...reports.values()], labels, Date.now() - startEpochMs)), final);
    const tick = setInterval(() => {
      if (reports.size < workers) return;
      const state = progressState([...reports.values()], labels, 0);
      vusSeries.add(state.vusActive);
      vusMaxSeries.add(state.vusMax);
      if (!quiet) draw(false);
    }, 1000);
    const thresholdTimer = setInterval(() => {
      const e = evaluateThresholds(thresholds, main.store, { elapsedMs: Date.now() - startEpochMs, final: false });
      if (e.abort) {
        events.abort('thresholds on metrics have been crossed', ExitCode.ThresholdsHaveFailed);
        stopWorkers();
      }
    }, THRESHOLD_INTERVAL_MS);
    const abortWatch = setInterval(() => abort && stopWorkers(), 100);

    await set.allDone();
    await set.terminate();
    clearInterval(tick);
    clearInterval(thresholdTimer);
    clearInterval(abortWatch);
    durationMs = Date.now() - startEpochMs;
    if (!quiet) draw(true);
    if (abort) log.error(abort.reason);

    if (!options.noTeardown && abort?.exitCode !== ExitCode.SUTUnreachable) {
      await runStage(main, 'teardown', setupDataJson === undefined ? undefined : JSON.parse(setupDataJson), options.teardownTimeoutMs);
    }
    evaluation = evaluateThresholds(thresholds, main.store, { elapsedMs: durationMs, final: true });

    if (options.summaryMode !== 'disabled' || vu0.exports.handleSummary) {
      const data = summaryData({ store: main.store, options, thresholds, evaluation, groups: main.groups.snapshot(), durationMs, setupDataJson });
      const summary = await runStage(main, 'handleSummary', data, HANDLE_SUMMARY_TIMEOUT_MS);
      if (summary.ran || options.summaryMode !== 'disabled') writeSummary(data, summary.ran ? summary.value : undefined, options, colors);
    }
  } catch (err) {
    stopWorkers();
    await set.terminate();
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  await Promise.all([main.shared.closeAll(), optionsHost.shared.closeAll(), classic.close()]);
  return exitCodeOf(abort, evaluation, failed, options);
}

function exitCodeOf(
  abort: { exitCode: ExitCodeValue } | undefined,
  evaluation: ThresholdsEvaluation | undefined,
  failed: boolean,
  options: ConsolidatedOptions,
): ExitCodeValue {
  if (abort) return abort.exitCode;
  if (!options.noThresholds && evaluation && !evaluation.ok) return ExitCode.ThresholdsHaveFailed;
  if (failed) return ExitCode.MarkedAsFailed;
  return ExitCode.OK;
}

