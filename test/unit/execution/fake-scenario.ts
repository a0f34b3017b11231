/**
 * Fakes for driving the scenario drivers (runtime/execution/*.ts) without a script or a worker: VUs whose
 * iterations take a given virtual time and write down when they start, end or are interrupted, and a ScenarioRun
 * on a host with a real metric store. Use under VirtualTime (../virtual-time.ts).
 */
import { IterationClaims } from '../../../runtime/execution/iterations.ts';
import type { ScenarioRun } from '../../../runtime/execution/scenario-run.ts';
import { VUPool } from '../../../runtime/execution/vu-pool.ts';
import { SegmentContext } from '../../../runtime/executors/segment.ts';
import { DROPPED_ITERATIONS, ITERATION_DURATION, ITERATIONS, ITERATION_START_LAG } from '../../../runtime/metrics/builtin.ts';
import type { MetricDef } from '../../../runtime/metrics/metric.ts';
import { MetricStore } from '../../../runtime/metrics/store.ts';
import type { ConsolidatedOptions } from '../../../runtime/options/types.ts';
import type { ThreadHost } from '../../../runtime/vu/host.ts';
import type { IterationStart, ScenarioState } from '../../../runtime/vu-context/scenario-state.ts';
import type { IterationOutcome, VU } from '../../../runtime/vu/vu.ts';
import { scenarioOf } from '../executors/plan-helpers.ts';

/** One iteration as a fake VU saw it; times in ms after the scenario start. */
export interface IterationRecord {
  readonly vu: number;
  readonly start: IterationStart;
  readonly startMs: number;
  endMs?: number;
  outcome?: IterationOutcome;
  /** why it was interrupted */
  reason?: string;
}

/** What the fake VUs of one run wrote down. */
export class Journal {
  readonly iterations: IterationRecord[] = [];
  /** iteration_start_lag samples (ms) */
  readonly lags: number[] = [];
  constructor(readonly t0: () => number) {}

  get completed(): IterationRecord[] {
    return this.iterations.filter((i) => i.outcome === 'complete');
  }

  get interrupted(): IterationRecord[] {
    return this.iterations.filter((i) => i.outcome === 'interrupted');
  }

  /** How many iterations were running at `ms` (an iteration runs from its start up to, not including, its end). */
  runningAt(ms: number): number {
    return this.iterations.filter((i) => i.startMs <= ms && (i.endMs === undefined || ms < i.endMs)).length;
  }

  /** Iterations per VU id. */
  perVU(): Map<number, IterationRecord[]> {
    const out = new Map<number, IterationRecord[]>();
    for (const i of this.iterations) out.set(i.vu, [...(out.get(i.vu) ?? []), i]);
    return out;
  }
}

/** How long (virtual ms) the n-th iteration (0-based, per VU) of VU `vu` takes. */
export type IterationTime = (vu: number, n: number) => number;

/** Stands in for VU: what the drivers use of it, an iteration being a wait of virtual time. */
export class FakeVU {
  scenario: ScenarioState | undefined;
  private done = 0;
  private stop: ((reason: string) => void) | undefined;

  constructor(
    readonly id: number,
    private readonly journal: Journal,
    private readonly time: IterationTime,
    /** the end reaches the driver one event-loop turn after the iteration's timer */
    private readonly endTurn = false,
  ) {}

  init(): void {}

  enterScenario(s: ScenarioState): void {
    this.scenario = s;
  }

  emit(metric: MetricDef, value: number): void {
    if (metric === ITERATION_START_LAG) this.journal.lags.push(value);
  }

  runIteration(start: IterationStart): Promise<IterationOutcome> {
    const record: IterationRecord = { vu: this.id, start, startMs: this.journal.t0() };
    this.journal.iterations.push(record);
    return new Promise((resolve) => {
      const end = (outcome: IterationOutcome, reason?: string) => {
        if (record.outcome) return;
        clearTimeout(timer);
        this.stop = undefined;
        Object.assign(record, { endMs: this.journal.t0(), outcome, reason });
        resolve(outcome);
      };
      const ms = this.time(this.id, this.done++);
      // a real VU's iteration ends one turn after the I/O it awaited
      const timer = setTimeout(() => (this.endTurn ? setImmediate(end, 'complete') : end('complete')), ms);
      this.stop = (reason) => end('interrupted', reason);
    });
  }

  interrupt(reason = 'interrupted'): void {
    this.stop?.(reason);
  }
}

export interface FakeRunOptions {
  segment?: SegmentContext;
  /** shared-iterations: the instance's claim counter (default: a fresh one for the plan) */
  claims?: IterationClaims;
  options?: Partial<ConsolidatedOptions>;
  name?: string;
  time?: IterationTime;
  /** iterations end one event-loop turn after their time is up (see FakeVU) */
  endTurn?: boolean;
  stop?: AbortSignal;
}

export interface FakeRun {
  readonly run: ScenarioRun;
  readonly journal: Journal;
  readonly store: MetricStore;
  readonly warnings: string[];
  /** VUs created by the pool (preallocated and grown) */
  readonly created: () => number;
}

/** A ScenarioRun of the raw scenario `raw` (as a script writes it), starting now, with fake VUs. */
export function fakeRun(raw: Record<string, unknown>, opts: FakeRunOptions = {}): FakeRun {
  const segment = opts.segment ?? SegmentContext.full;
  const { config, plan } = scenarioOf(raw, segment, opts.name ?? 's');
  const store = new MetricStore();
  const warnings: string[] = [];
  const host = {
    store,
    options: opts.options,
    stopping: false,
    log: { debug() {}, info() {}, error() {}, warn: (m: string) => void warnings.push(m) },
  } as unknown as ThreadHost;
  const t0 = performance.now();
  const journal = new Journal(() => performance.now() - t0);
  let created = 0;
  const time = opts.time ?? (() => 100);
  const pool = new VUPool((id) => (created++, new FakeVU(id, journal, time, opts.endTurn) as unknown as VU));
  const claims =
    opts.claims ??
    (plan.type === 'shared-iterations' ? new IterationClaims(new Int32Array(1), 0, plan.iterations, plan.iterationSegment) : undefined);
  let warned = false;
  const run: ScenarioRun = {
    config,
    plan,
    host,
    pool,
    segment,
    claims,
    firstToWarn: () => !warned && (warned = true),
    t0,
    stop: opts.stop ?? new AbortController().signal,
    defs: { iterations: ITERATIONS, duration: ITERATION_DURATION, dropped: DROPPED_ITERATIONS, lag: ITERATION_START_LAG },
    started: 0,
    progress: 0,
    active: 0,
    held: 0,
    state: { config, startEpochMs: Date.now(), progress: () => run.progress },
  };
  return { run, journal, store, warnings, created: () => created };
}
