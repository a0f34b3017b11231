/**
 * Executors are pure: a validated config plus an execution segment give a plan.
 * The drivers in runtime/execution/ run plans; nothing here does I/O or reads clocks.
 * All times are milliseconds (float) relative to the scenario's start unless named otherwise.
 */
import type { SegmentContext } from './segment.ts';

/** Options every executor shares (docs/k6-compatibility.md#scenarios-and-executors), normalised: durations in ms. */
export interface ScenarioBase {
  readonly name: string;
  readonly executor: ExecutorName;
  readonly startTimeMs: number;
  readonly gracefulStopMs: number;
  readonly exec: string;
  readonly env: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

export type ExecutorName =
  | 'shared-iterations'
  | 'per-vu-iterations'
  | 'constant-vus'
  | 'ramping-vus'
  | 'constant-arrival-rate'
  | 'ramping-arrival-rate';

/** One iteration start of an arrival-rate plan. */
export interface ArrivalStart {
  /** intended start, ms after the scenario start */
  readonly atMs: number;
  /** 0-based global index within the scenario (unique across segments; exec.scenario.iterationInTest) */
  readonly iterationInTest: number;
}

export type ExecutionPlan =
  | {
      readonly type: 'arrival';
      readonly preAllocatedVUs: number;
      readonly maxVUs: number;
      /** maxVUs as the script set it, before segments and worker threads take their shares */
      readonly scriptMaxVUs: number;
      /** regular end: no start at or after it */
      readonly durationMs: number;
      /** lazily generated, ascending; long runs have tens of millions of starts */
      starts(): Iterator<ArrivalStart>;
    }
  | {
      readonly type: 'vus';
      readonly maxVUs: number;
      /** regular end: no iteration starts after it */
      readonly durationMs: number;
      readonly gracefulRampDownMs: number;
      /** how long in-flight iterations may go on after durationMs (k6: the end of the graceful steps) */
      readonly gracefulStopMs: number;
      /** step function of the active VU count; first step at 0 */
      readonly steps: ReadonlyArray<{ readonly atMs: number; readonly vus: number }>;
    }
  | {
      readonly type: 'shared-iterations';
      readonly vus: number;
      readonly iterations: number;
      /** numbers the iterations: the n-th (0-based) is the test's iteration iterationSegment.globalIndex(n) */
      readonly iterationSegment: SegmentContext;
      readonly maxDurationMs: number;
    }
  | {
      readonly type: 'per-vu-iterations';
      readonly vus: number;
      readonly iterationsPerVU: number;
      readonly maxDurationMs: number;
    };

export interface Executor<C extends ScenarioBase = ScenarioBase> {
  readonly name: ExecutorName;
  /**
   * Validates one raw scenario object (k6 rejects unknown keys) and normalises it.
   * Throws ConfigError naming the scenario and the key, e.g.
   * `scenario "ingest": "rate" must be a positive number, got -1`.
   */
  parse(name: string, raw: Readonly<Record<string, unknown>>): C;
  plan(config: C, segment: SegmentContext): ExecutionPlan;
  /** regular duration + gracefulStop (k6's banner "max duration"), unsegmented */
  maxDurationMs(config: C): number;
}
