/**
 * The saturation guard: was the load generator itself the bottleneck? Then a failed threshold
 * says nothing about the system under test, and the run ends "inconclusive" (exit 112) instead
 * of 99. Pure: the caller measures, this decides.
 */
import { ConfigError, ExitCode, type ExitCodeValue } from '../errors.ts';
import { parseDuration } from '../units/duration.ts';

/**
 * off: never interfere; on (default): a run that would fail (99) is inconclusive, a passing run
 * stays passing with a warning (k6 users expect a pass to stay a pass); strict: a passing run is
 * inconclusive too.
 */
export type GuardMode = 'off' | 'on' | 'strict';

export interface SaturationBounds {
  /** p(95) of iteration_start_lag, ms */
  readonly startLagMs: number;
  /** p(99) of event_loop_delay on any one worker, ms */
  readonly loopDelayMs: number;
  /** CPU time of the streamprobe process ÷ (wall time × cores available to it) */
  readonly cpu: number;
  /** dropped_iterations ÷ (iterations + dropped_iterations) */
  readonly dropped: number;
}

export const DEFAULT_BOUNDS: SaturationBounds = { startLagMs: 100, loopDelayMs: 100, cpu: 0.9, dropped: 0.01 };

export interface SaturationObservations {
  /** undefined when no arrival-rate iteration started */
  readonly startLagP95Ms?: number;
  /** p(99) of each worker's event-loop delay, by worker index */
  readonly loopDelayP99Ms: readonly number[];
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  readonly cores: number;
  readonly iterations: number;
  readonly droppedIterations: number;
}

export interface SaturationCause {
  readonly kind: 'start-lag' | 'event-loop' | 'cpu' | 'dropped';
  readonly message: string;
}

export function parseGuardMode(text: string, what: string): GuardMode {
  if (text === 'off' || text === 'on' || text === 'strict') return text;
  if (text === 'false') return 'off';
  if (text === 'true') return 'on';
  throw new ConfigError(`${what} must be off, on or strict, got "${text}"`);
}

const BOUND_KEYS: Readonly<Record<string, keyof SaturationBounds>> = {
  lag: 'startLagMs',
  loop: 'loopDelayMs',
  cpu: 'cpu',
  dropped: 'dropped',
};

/**
 * "lag=100ms,loop=50ms,cpu=0.95,dropped=1%" over the defaults; durations in k6 syntax, fractions
 * as 0..1 or percent. An empty text gives the defaults.
 */
export function parseBounds(text: string, what: string): SaturationBounds {
  const bounds: Record<keyof SaturationBounds, number> = { ...DEFAULT_BOUNDS };
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = part.split('=', 2) as [string, string | undefined];
    const key = BOUND_KEYS[name.trim()];
    if (key === undefined || value === undefined || value.trim() === '') {
      throw new ConfigError(
        `${what}: "${part}" is not a bound; use lag=DURATION, loop=DURATION, cpu=FRACTION, dropped=FRACTION (e.g. lag=100ms,cpu=90%)`,
      );
    }
    bounds[key] =
      key === 'startLagMs' || key === 'loopDelayMs'
        ? parseDuration(value.trim(), `${what} ${name}`)
        : fraction(value.trim(), `${what} ${name}`);
  }
  return bounds;
}

function fraction(text: string, what: string): number {
  const percent = text.endsWith('%');
  const n = Number(percent ? text.slice(0, -1) : text);
  const f = percent ? n / 100 : n;
  if (!Number.isFinite(f) || f <= 0) throw new ConfigError(`${what} must be a positive fraction like 0.9 or 90%, got "${text}"`);
  return f;
}

const pct = (f: number) => `${(f * 100).toFixed(f < 0.1 ? 1 : 0)}%`;
const ms = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)}ms`;

/** What saturated the generator, each with its observed value and bound; empty when nothing did. */
export function saturationCauses(o: SaturationObservations, b: SaturationBounds): SaturationCause[] {
  const causes: SaturationCause[] = [];
  if (o.startLagP95Ms !== undefined && o.startLagP95Ms > b.startLagMs) {
    causes.push({
      kind: 'start-lag',
      message: `iterations started late: iteration_start_lag p(95)=${ms(o.startLagP95Ms)} (bound ${ms(b.startLagMs)})`,
    });
  }
  const worst = o.loopDelayP99Ms.reduce((w, v, i) => (v > (o.loopDelayP99Ms[w] ?? -1) ? i : w), 0);
  const worstDelay = o.loopDelayP99Ms[worst];
  if (worstDelay !== undefined && worstDelay > b.loopDelayMs) {
    causes.push({
      kind: 'event-loop',
      message: `worker ${worst} ran its timers late: event_loop_delay p(99)=${ms(worstDelay)} (bound ${ms(b.loopDelayMs)})`,
    });
  }
  const cpu = o.wallSeconds > 0 && o.cores > 0 ? o.cpuSeconds / (o.wallSeconds * o.cores) : 0;
  if (cpu > b.cpu) {
    causes.push({
      kind: 'cpu',
      message: `streamprobe used ${(o.cpuSeconds / o.wallSeconds).toFixed(2)} of its ${o.cores} CPU core${o.cores === 1 ? '' : 's'} (${pct(cpu)}, bound ${pct(b.cpu)})`,
    });
  }
  const scheduled = o.iterations + o.droppedIterations;
  if (o.droppedIterations > 0 && o.droppedIterations / scheduled > b.dropped) {
    causes.push({
      kind: 'dropped',
      message: `${o.droppedIterations} of ${scheduled} iterations (${pct(o.droppedIterations / scheduled)}) were dropped because every VU was busy (bound ${pct(b.dropped)}); raise preAllocatedVUs/maxVUs`,
    });
  }
  return causes;
}

export interface GuardVerdict {
  readonly exitCode: ExitCodeValue;
  /** what to log: an error when the run became inconclusive, a warning when it kept its code */
  readonly log?: { level: 'error' | 'warn'; message: string };
}

/** The run's exit code after the guard; only 0 and 99 are ever changed. */
export function guardVerdict(exitCode: ExitCodeValue, causes: readonly SaturationCause[], mode: GuardMode): GuardVerdict {
  if (mode === 'off' || causes.length === 0) return { exitCode };
  const what = `the load generator was saturated: ${causes.map((c) => c.message).join('; ')}`;
  const fix =
    'lower the load, give streamprobe more cores (--workers, a bigger runner) or, on a machine it shares with the system under test, a higher priority (README: "Saturation guard"), or raise the bounds with --saturation-bounds';
  if (exitCode === ExitCode.ThresholdsHaveFailed || (exitCode === ExitCode.OK && mode === 'strict')) {
    const failed = exitCode === ExitCode.ThresholdsHaveFailed ? 'thresholds failed, but ' : '';
    return {
      exitCode: ExitCode.Inconclusive,
      log: { level: 'error', message: `inconclusive: ${failed}${what} — the result says nothing about the system under test; ${fix}` },
    };
  }
  if (exitCode === ExitCode.OK) {
    return {
      exitCode,
      log: { level: 'warn', message: `${what}; the run passed anyway (--saturation-guard strict makes this inconclusive, exit 112)` },
    };
  }
  return { exitCode };
}
