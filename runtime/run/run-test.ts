/**
 * `streamprobe run`: options pass, workers, setup, the run with live metrics and thresholds,
 * teardown, summary, exit code — the whole k6 lifecycle on the main thread.
 */
import { availableParallelism } from 'node:os';
import { parseRunArgs } from '../cli/args.ts';
import { RUN_USAGE } from '../cli/help.ts';
import { ExitCode, StreamprobeError, type ExitCodeValue } from '../errors.ts';
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
import { createOutputs } from '../output/manager.ts';
import type { SummaryData } from '../summary/data.ts';
import { evaluateThresholds, type ThresholdsEvaluation } from '../thresholds/evaluate.ts';
import { parseThresholds } from '../thresholds/parse.ts';
import { applySaturationGuard, SaturationProbe } from '../saturation/probe.ts';
import { createLogger } from '../vu/logger.ts';
import { VU } from '../vu/vu.ts';
import type { Report } from '../worker/messages.ts';
import { LocalHost } from '../worker/thread-host.ts';
import { banner } from './banner.ts';
import { runStage, setupDataToJson } from './lifecycle.ts';
import { ProgressPrinter, progressLines, progressState } from './progress.ts';
import { summaryData, writeSummary } from './end-of-test.ts';
import { WorkerSet } from './worker-set.ts';

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
  const outputs = createOutputs(options.out, { scriptPath: args.scriptPath, options, env: process.env, log }, args.runtime);
  const thresholds = options.noThresholds ? [] : parseThresholds(options.thresholds, optionsHost.registry);
  checkExecFunctions(options, vu0.exports);

  const planned = planScenarios(options, SegmentContext.full);
  const workers = Math.max(1, Math.min(args.runtime.workers || availableParallelism(), plannedVUs(planned) || 1));
  const quiet = args.runtime.quiet || process.env.CI === 'true';
  const colors = !args.runtime.noColor && Boolean(process.stdout.isTTY);
  if (options.summaryMode !== 'disabled' || !quiet) {
    process.stdout.write(banner(args.scriptPath, planned, workers, outputs.descriptions) + '\n');
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
      keepSamples: outputs.keepSamples,
    })),
    {
      report: (i, r) => {
        main.store.merge(r.metrics);
        outputs.collect(r.metrics);
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
  const saturation = new SaturationProbe();
  let data: SummaryData | undefined;
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
    await outputs.start(startEpochMs);
    set.send({ type: 'start', startEpochMs, setupDataJson });
    saturation.start();

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
      outputs.add(VUS, options.tags, state.vusActive);
      outputs.add(VUS_MAX, options.tags, state.vusMax);
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
    saturation.stop();
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

    data = summaryData({ store: main.store, options, thresholds, evaluation, groups: main.groups.snapshot(), durationMs, setupDataJson });
    if (options.summaryMode !== 'disabled' || vu0.exports.handleSummary) {
      const summary = await runStage(main, 'handleSummary', data, HANDLE_SUMMARY_TIMEOUT_MS);
      if (summary.ran || options.summaryMode !== 'disabled') writeSummary(data, summary.ran ? summary.value : undefined, options, colors);
    }
  } catch (err) {
    stopWorkers();
    await set.terminate();
    const exitCode = err instanceof StreamprobeError ? err.exitCode : ExitCode.ScriptException;
    await outputs.stop(data && { summary: data, thresholds: evaluation, exitCode, durationMs });
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  await Promise.all([main.shared.closeAll(), optionsHost.shared.closeAll()]);
  const exitCode = applySaturationGuard(exitCodeOf(abort, evaluation, failed, options), saturation, main.store, reports, args.runtime, log);
  await outputs.stop({ summary: data!, thresholds: evaluation, exitCode, durationMs });
  return exitCode;
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

