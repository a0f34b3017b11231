/**
 * Runs every scenario of the test on this thread, for this thread's execution segment: plans
 * from the executors, VUs from one pool, each scenario started at its startTime.
 */
import { ConfigError } from '../errors.ts';
import { getExecutor } from '../executors/index.ts';
import type { ExecutionPlan, ScenarioBase } from '../executors/types.ts';
import { DROPPED_ITERATIONS, ITERATION_DURATION, ITERATIONS, ITERATION_START_LAG } from '../metrics/builtin.ts';
import type { ConsolidatedOptions } from '../options/types.ts';
import type { ThreadHost } from '../vu/host.ts';
import { VU } from '../vu/vu.ts';
import { runArrival } from './arrival.ts';
import { IterationClaims, runIterations } from './iterations.ts';
import { runLoopingVUs } from './looping-vus.ts';
import type { ScenarioRun } from './scenario-run.ts';
import { SegmentContext } from '../executors/segment.ts';
import { VUPool } from './vu-pool.ts';
import { sleepMs } from '../timing/sleep.ts';

export interface PlannedScenario {
  readonly config: ScenarioBase;
  readonly plan: ExecutionPlan;
  /** VUs it may hold at once */
  readonly vus: number;
  /** start and end of its whole run (incl. gracefulStop), ms after the test start */
  readonly fromMs: number;
  readonly toMs: number;
}

export function planScenarios(options: ConsolidatedOptions, segment: SegmentContext): PlannedScenario[] {
  return Object.values(options.scenarios).map((config) => planScenario(config, segment));
}

function planScenario(config: ScenarioBase, segment: SegmentContext): PlannedScenario {
  const executor = getExecutor(config.executor, config.name);
  const plan = executor.plan(config, segment);
  return { config, plan, vus: vusOf(plan), fromMs: config.startTimeMs, toMs: config.startTimeMs + executor.maxDurationMs(config) };
}

function vusOf(plan: ExecutionPlan): number {
  switch (plan.type) {
    case 'arrival':
      return plan.maxVUs;
    case 'vus':
      return plan.maxVUs;
    default:
      return plan.vus;
  }
}

/** Whether a plan gives its segment anything to do (k6's HasWork). */
export function hasWork(plan: ExecutionPlan): boolean {
  switch (plan.type) {
    case 'shared-iterations':
      return plan.vus > 0 && plan.iterations > 0;
    case 'per-vu-iterations':
      return plan.vus > 0 && plan.iterationsPerVU > 0;
    default:
      return plan.maxVUs > 0;
  }
}

/** VUs to initialise before the start: the most that overlapping scenarios hold at once. */
export function plannedVUs(planned: readonly PlannedScenario[]): number {
  let most = 0;
  for (const at of planned) {
    const overlapping = planned.filter((p) => p.fromMs <= at.fromMs && at.fromMs < p.toMs);
    most = Math.max(
      most,
      overlapping.reduce((sum, p) => sum + (p.plan.type === 'arrival' ? p.plan.preAllocatedVUs : p.vus), 0),
    );
  }
  return most;
}

/** Checks that each scenario's exec function is exported (k6: invalid config). */
export function checkExecFunctions(options: ConsolidatedOptions, exports: Record<string, unknown>): void {
  for (const s of Object.values(options.scenarios)) {
    if (typeof exports[s.exec] !== 'function') {
      const what = s.exec === 'default' ? 'a default function (export default function () { … })' : `a function named "${s.exec}"`;
      throw new ConfigError(`scenario "${s.name}" runs "${s.exec}", but the script does not export ${what}`);
    }
  }
}

/** Where a thread sits in its instance (one test process); all the instance's threads share `claims`. */
export interface ThreadPlace {
  /** the instance's segment (--execution-segment) */
  readonly instance: SegmentContext;
  /** this thread is part `index` of the `threads` equal parts of the instance */
  readonly threads: number;
  readonly index: number;
  /**
   * In memory shared by the threads, per scenario in options order: its shared-iterations claim
   * counter, then (after all counters) its one-time-warning flag.
   */
  readonly claims: Int32Array;
}

/** Claim counters and warning flags for `scenarios` scenarios, to share between the instance's threads. */
export function claimCounters(scenarios: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * 4 * Math.max(1, scenarios)));
}

/** A scenario as this thread runs it: its plan for the thread's part, and its place in the options. */
interface ThreadScenario extends PlannedScenario {
  readonly slot: number;
  readonly segment: SegmentContext;
  readonly instancePlan: ExecutionPlan;
}

export class ThreadScheduler {
  readonly runs: ScenarioRun[] = [];
  readonly pool: VUPool;
  private readonly scenarios: ThreadScenario[];

  constructor(
    private readonly host: ThreadHost,
    private readonly place: ThreadPlace,
    /** classic mode: VUs on their own threads (runtime/classic/classic-vu.ts) */
    makeVU: (host: ThreadHost, idInInstance: number, idInTest: number) => VU = (h, id, idInTest) => new VU(h, id, idInTest),
  ) {
    this.scenarios = planScenarios(host.options!, place.instance).flatMap((whole, slot) => {
      // k6 leaves out a scenario whose share of this segment is empty, and says so once
      if (!hasWork(whole.plan)) {
        if (place.index === 0)
          host.log.warn(`Scenario "${whole.config.name}" is disabled for segment ${place.instance} due to lack of work`);
        return [];
      }
      // A scenario spreads over no more threads than it has VUs, so no thread gets a share of its
      // work without a VU to do it; small scenarios take turns over the threads.
      const parts = Math.max(1, Math.min(place.threads, whole.plan.type === 'arrival' ? whole.plan.preAllocatedVUs : whole.vus));
      const part = (place.index - (slot % place.threads) + place.threads) % place.threads;
      if (part >= parts) return [];
      const segment = place.instance.split(parts)[part]!;
      return [{ ...planScenario(whole.config, segment), slot, segment, instancePlan: whole.plan }];
    });
    // __VU is unique in the instance: thread j of n numbers its VUs j+1, j+1+n, j+1+2n, …
    const vuIds = SegmentContext.full.split(place.threads)[place.index]!;
    this.pool = new VUPool((n) => {
      const idInInstance = vuIds.idInTest(n);
      return makeVU(host, idInInstance, place.instance.idInTest(idInInstance));
    });
  }

  /** Initialises the planned VUs (each runs the init context). */
  initVUs(): void {
    this.pool.prepare(plannedVUs(this.scenarios));
    this.host.counters.vusInitialized = this.pool.initialized;
  }

  /** Runs all scenarios; `t0` is performance.now() at the test start. */
  async run(t0: number, stop: AbortSignal): Promise<void> {
    const host = this.host;
    const defs = { iterations: ITERATIONS, duration: ITERATION_DURATION, dropped: DROPPED_ITERATIONS, lag: ITERATION_START_LAG };
    await Promise.all(
      this.scenarios.map(async (p) => {
        const wait = p.config.startTimeMs - (performance.now() - t0);
        if (wait > 0) await sleepMs(wait, stop);
        if (stop.aborted || host.stopping) return;
        const startEpochMs = Date.now();
        const run: ScenarioRun = {
          config: p.config,
          plan: p.plan,
          host,
          pool: this.pool,
          segment: p.segment,
          claims: sharedClaims(p.instancePlan, this.place.claims, p.slot),
          firstToWarn: () => Atomics.compareExchange(this.place.claims, this.place.claims.length / 2 + p.slot, 0, 1) === 0,
          t0: performance.now(),
          stop,
          defs,
          started: 0,
          progress: 0,
          active: 0,
          held: 0,
          state: { config: p.config, startEpochMs, progress: () => run.progress },
        };
        this.runs.push(run);
        await driverFor(p.plan)(run);
      }),
    );
  }
}

function sharedClaims(instancePlan: ExecutionPlan, cells: Int32Array, slot: number): IterationClaims | undefined {
  return instancePlan.type === 'shared-iterations'
    ? new IterationClaims(cells, slot, instancePlan.iterations, instancePlan.iterationSegment)
    : undefined;
}

function driverFor(plan: ExecutionPlan): (run: ScenarioRun) => Promise<void> {
  switch (plan.type) {
    case 'arrival':
      return runArrival;
    case 'vus':
      return runLoopingVUs;
    default:
      return runIterations;
  }
}
