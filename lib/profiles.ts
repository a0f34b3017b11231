/**
 * Load-profile builders: load, stress, spike, soak and breakpoint, all open-model
 * (`ramping-arrival-rate`), returning plain k6 `options.scenarios` objects.
 *
 * Rates are given in events/s. One iteration may produce a batch of events, so the iteration
 * rate is events/s ÷ eventsPerIteration. k6 wants whole-number rates: when that quotient is
 * fractional, the builders pick the smallest `timeUnit` (in whole seconds) that makes every
 * rate whole, e.g. 150 events/s in batches of 100 ⇒ 3 iterations per "2s".
 */
import type { RampingArrivalRateScenario, Stage } from 'k6/options';
import { durationMs, formatDuration, type Duration } from './duration.ts';

export interface ProfileCommon {
  /** events one iteration produces (default 1) */
  eventsPerIteration?: number;
  /** scenario name (default: the profile's kind) */
  name?: string;
  /** exported function to run (k6 default: 'default') */
  exec?: string;
  /** expected duration of one iteration, for VU sizing (default '100ms') */
  iterationDuration?: Duration;
  /** default: 2× the expected concurrency at the peak rate (Little's law: rate × duration) */
  preAllocatedVUs?: number;
  /** default: 10× the expected concurrency at the peak rate, at least preAllocatedVUs */
  maxVUs?: number;
  startTime?: string;
  gracefulStop?: string;
  tags?: Record<string, string>;
  env?: Record<string, string>;
}

export interface RateStage {
  duration: Duration;
  /** target events/s at the end of the stage (linear ramp from the previous target) */
  eventsPerSecond: number;
}

export type Scenarios = Record<string, RampingArrivalRateScenario>;

const MAX_TIME_UNIT_S = 1000;

/** The building block of every profile: events/s stages → one ramping-arrival-rate scenario. */
export function arrivalRateScenario(
  stages: readonly RateStage[],
  common: ProfileCommon & { startEventsPerSecond?: number } = {},
): RampingArrivalRateScenario {
  if (stages.length === 0) throw new Error('profile: at least one stage is needed');
  const perIteration = common.eventsPerIteration ?? 1;
  if (!(perIteration > 0)) throw new Error(`profile: eventsPerIteration must be > 0, got ${perIteration}`);
  const eventRates = [common.startEventsPerSecond ?? 0, ...stages.map((s) => s.eventsPerSecond)];
  for (const r of eventRates) if (!(r >= 0)) throw new Error(`profile: events/s must be >= 0, got ${r}`);

  const iterationRates = eventRates.map((r) => r / perIteration);
  const unitS = wholeRateTimeUnit(iterationRates);
  const [startRate, ...targets] = iterationRates.map((r) => Math.round(r * unitS));
  const k6Stages: Stage[] = stages.map((s, i) => ({ duration: formatDuration(durationMs(s.duration)), target: targets[i]! }));

  const concurrency = Math.max(...iterationRates) * (durationMs(common.iterationDuration ?? '100ms') / 1000);
  const preAllocatedVUs = common.preAllocatedVUs ?? Math.max(1, Math.ceil(concurrency * 2));
  const maxVUs = Math.max(preAllocatedVUs, common.maxVUs ?? Math.ceil(concurrency * 10));

  const scenario: RampingArrivalRateScenario = {
    executor: 'ramping-arrival-rate',
    startRate: startRate!,
    timeUnit: `${unitS}s`,
    stages: k6Stages,
    preAllocatedVUs,
    maxVUs,
  };
  if (common.exec !== undefined) scenario.exec = common.exec;
  if (common.startTime !== undefined) scenario.startTime = common.startTime;
  if (common.gracefulStop !== undefined) scenario.gracefulStop = common.gracefulStop;
  if (common.tags !== undefined) scenario.tags = common.tags;
  if (common.env !== undefined) scenario.env = common.env;
  return scenario;
}

/**
 * A default events-per-iteration for a peak rate: 100, growing above 20,000 events/s to keep ~200
 * iterations/s (at most 1,000 events each). Few large produce requests cost less per event than many
 * small ones: at 100,000 events/s, 500 × 200/s took the load generator ~40 % and the broker ~42 % less
 * CPU per event than 100 × 1,000/s (bench/RESULTS.md, "Events per produce call: 500 instead of 100").
 */
export function batchForRate(eventsPerSecond: number): number {
  return Math.min(1000, Math.max(100, Math.ceil(eventsPerSecond / 200)));
}

/** Smallest whole number of seconds per which every rate is whole (capped; then rounded). */
function wholeRateTimeUnit(ratesPerSecond: readonly number[]): number {
  for (let unit = 1; unit <= MAX_TIME_UNIT_S; unit++) {
    if (ratesPerSecond.every((r) => Math.abs(r * unit - Math.round(r * unit)) < 1e-6)) return unit;
  }
  return MAX_TIME_UNIT_S;
}

function single(kind: string, common: ProfileCommon, scenario: RampingArrivalRateScenario): Scenarios {
  return { [common.name ?? kind]: scenario };
}

/** A rate ramped up to, held, and optionally ramped down from. */
type HoldOptions = ProfileCommon & {
  eventsPerSecond: number;
  rampUp?: Duration;
  duration?: Duration;
  rampDown?: Duration;
};

/** Expected load: ramp up, hold, optionally ramp down. */
export function loadProfile(o: HoldOptions): Scenarios {
  const stages: RateStage[] = [
    { duration: o.rampUp ?? '30s', eventsPerSecond: o.eventsPerSecond },
    { duration: o.duration ?? '5m', eventsPerSecond: o.eventsPerSecond },
  ];
  if (o.rampDown !== undefined && durationMs(o.rampDown) > 0) stages.push({ duration: o.rampDown, eventsPerSecond: 0 });
  return single('load', o, arrivalRateScenario(stages, o));
}

/** Steps from the normal rate up to `peakMultiplier` × normal, holding each step, then down to 0. */
export function stressProfile(
  o: ProfileCommon & {
    /** the normal rate, events/s */
    eventsPerSecond: number;
    peakMultiplier?: number;
    steps?: number;
    stepRamp?: Duration;
    stepDuration?: Duration;
    rampDown?: Duration;
  },
): Scenarios {
  const steps = o.steps ?? 4;
  const peak = o.peakMultiplier ?? 2;
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`stressProfile: steps must be a whole number >= 1, got ${steps}`);
  const stages: RateStage[] = [];
  for (let i = 0; i < steps; i++) {
    const level = o.eventsPerSecond * (steps === 1 ? peak : 1 + ((peak - 1) * i) / (steps - 1));
    stages.push({ duration: o.stepRamp ?? '30s', eventsPerSecond: level });
    stages.push({ duration: o.stepDuration ?? '2m', eventsPerSecond: level });
  }
  stages.push({ duration: o.rampDown ?? '1m', eventsPerSecond: 0 });
  return single('stress', o, arrivalRateScenario(stages, o));
}

/** Base rate, a sudden spike, then back to base to watch recovery. */
export function spikeProfile(
  o: ProfileCommon & {
    eventsPerSecond: number;
    spikeEventsPerSecond: number;
    rampUp?: Duration;
    warmup?: Duration;
    spikeRamp?: Duration;
    spikeHold?: Duration;
    recovery?: Duration;
  },
): Scenarios {
  const spikeRamp = o.spikeRamp ?? '10s';
  const stages: RateStage[] = [
    { duration: o.rampUp ?? '10s', eventsPerSecond: o.eventsPerSecond },
    { duration: o.warmup ?? '1m', eventsPerSecond: o.eventsPerSecond },
    { duration: spikeRamp, eventsPerSecond: o.spikeEventsPerSecond },
    { duration: o.spikeHold ?? '1m', eventsPerSecond: o.spikeEventsPerSecond },
    { duration: spikeRamp, eventsPerSecond: o.eventsPerSecond },
    { duration: o.recovery ?? '2m', eventsPerSecond: o.eventsPerSecond },
  ];
  return single('spike', o, arrivalRateScenario(stages, o));
}

/** The expected rate held for a long time, to find leaks and slow degradation. */
export function soakProfile(o: HoldOptions): Scenarios {
  return loadProfile({ ...o, name: o.name ?? 'soak', rampUp: o.rampUp ?? '2m', duration: o.duration ?? '1h' });
}

/**
 * One linear ramp to a rate beyond what the system can take. Pair it with thresholds that have
 * `abortOnFail: true` so the run stops at the breaking point.
 */
export function breakpointProfile(
  o: ProfileCommon & {
    maxEventsPerSecond: number;
    startEventsPerSecond?: number;
    duration?: Duration;
  },
): Scenarios {
  return single('breakpoint', o, arrivalRateScenario([{ duration: o.duration ?? '10m', eventsPerSecond: o.maxEventsPerSecond }], o));
}

export interface ScenarioTotals {
  /** iterations the schedule starts: Σ stage duration × mean rate, floored (docs/k6-compatibility.md#scenarios-and-executors) */
  iterations: number;
  durationMs: number;
  peakIterationsPerSecond: number;
}

/** What a ramping-arrival-rate scenario amounts to; multiply iterations by events per iteration. */
export function scenarioTotals(s: RampingArrivalRateScenario): ScenarioTotals {
  const unitMs = durationMs(s.timeUnit ?? '1s');
  let from = (s.startRate ?? 0) / unitMs;
  let iterations = 0;
  let total = 0;
  let peak = from;
  for (const stage of s.stages) {
    const dur = durationMs(stage.duration);
    const to = stage.target / unitMs;
    iterations += (dur * (from + to)) / 2;
    total += dur;
    peak = Math.max(peak, to);
    from = to;
  }
  return { iterations: Math.floor(iterations + 1e-9), durationMs: total, peakIterationsPerSecond: peak * 1000 };
}

export interface ThroughputStep {
  eventsPerSecond: number;
  /** the hold of the step, ms from the scenario start (the ramp to it comes before) */
  holdFromMs: number;
  holdToMs: number;
}

/**
 * Steps of a sustainable-throughput search (Karimov et al., ICDE 2018: the highest rate a system
 * takes without prolonged backpressure, i.e. without latency or consumer lag that keeps growing):
 * `steps` levels from `startEventsPerSecond` up by `stepEventsPerSecond`, each ramped to in
 * `stepRamp` and held for `stepDuration`. Returns the scenario and the hold of each step, which
 * lib/sustainable.ts evaluates.
 */
export function sustainableThroughputProfile(
  o: ProfileCommon & {
    startEventsPerSecond: number;
    stepEventsPerSecond: number;
    steps: number;
    stepRamp?: Duration;
    stepDuration?: Duration;
  },
): { scenarios: Scenarios; steps: ThroughputStep[] } {
  if (!Number.isInteger(o.steps) || o.steps < 1)
    throw new Error(`sustainableThroughputProfile: steps must be a whole number >= 1, got ${o.steps}`);
  const rampMs = durationMs(o.stepRamp ?? '10s');
  const holdMs = durationMs(o.stepDuration ?? '1m');
  const stages: RateStage[] = [];
  const steps: ThroughputStep[] = [];
  let at = 0;
  for (let i = 0; i < o.steps; i++) {
    const level = o.startEventsPerSecond + i * o.stepEventsPerSecond;
    stages.push({ duration: rampMs, eventsPerSecond: level }, { duration: holdMs, eventsPerSecond: level });
    at += rampMs;
    steps.push({ eventsPerSecond: level, holdFromMs: at, holdToMs: at + holdMs });
    at += holdMs;
  }
  return { scenarios: single('sustainable', o, arrivalRateScenario(stages, o)), steps };
}
