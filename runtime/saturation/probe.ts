/** Measures what the saturation guard decides on, and applies its verdict to the run's exit code. */
import { availableParallelism } from 'node:os';
import type { ExitCodeValue } from '../errors.ts';
import { DROPPED_ITERATIONS, ITERATION_START_LAG, ITERATIONS } from '../metrics/builtin.ts';
import type { MetricStore } from '../metrics/store.ts';
import type { Logger } from '../vu-context/context.ts';
import type { Report } from '../worker/messages.ts';
import { guardVerdict, saturationCauses, type GuardMode, type SaturationBounds, type SaturationObservations } from './guard.ts';

export interface SaturationSettings {
  readonly saturationGuard: GuardMode;
  readonly saturationBounds: SaturationBounds;
}

/** `start()` when the test starts, `stop()` when its iterations have ended. */
export class SaturationProbe {
  private cpuAtStart = process.cpuUsage();
  private startMs = performance.now();
  private cpuSeconds = 0;
  private wallSeconds = 0;

  start(): void {
    this.cpuAtStart = process.cpuUsage();
    this.startMs = performance.now();
  }

  stop(): void {
    const cpu = process.cpuUsage(this.cpuAtStart);
    this.cpuSeconds = (cpu.user + cpu.system) / 1e6;
    this.wallSeconds = (performance.now() - this.startMs) / 1000;
  }

  observations(store: MetricStore, reports: Iterable<Report>): SaturationObservations {
    return {
      startLagP95Ms: store.values(ITERATION_START_LAG.name, undefined, { percentiles: [95] })?.['p(95)'],
      loopDelayP99Ms: [...reports].map((r) => r.eventLoopDelay.p99Ms),
      cpuSeconds: this.cpuSeconds,
      wallSeconds: this.wallSeconds,
      // the cores this process may use (CPU affinity counts: `taskset -c 0` gives 1)
      cores: availableParallelism(),
      iterations: store.values(ITERATIONS.name)?.count ?? 0,
      droppedIterations: store.values(DROPPED_ITERATIONS.name)?.count ?? 0,
    };
  }
}

/** The exit code after the guard, logging why it changed (or why it would have). */
export function applySaturationGuard(
  exitCode: ExitCodeValue,
  probe: SaturationProbe,
  store: MetricStore,
  reports: ReadonlyMap<number, Report>,
  settings: SaturationSettings,
  log: Logger,
): ExitCodeValue {
  if (settings.saturationGuard === 'off') return exitCode;
  const ordered = [...reports.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  const verdict = guardVerdict(
    exitCode,
    saturationCauses(probe.observations(store, ordered), settings.saturationBounds),
    settings.saturationGuard,
  );
  if (verdict.log) log[verdict.log.level](verdict.log.message);
  return verdict.exitCode;
}
