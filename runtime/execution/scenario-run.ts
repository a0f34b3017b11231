/** Everything a driver needs to run one scenario's plan on this thread. */
import type { ExecutionPlan, ScenarioBase } from '../executors/types.ts';
import type { MetricDef } from '../metrics/metric.ts';
import type { ThreadHost } from '../vu/host.ts';
import type { ScenarioState } from '../vu-context/scenario-state.ts';
import type { VU } from '../vu/vu.ts';
import type { SegmentContext } from '../executors/segment.ts';
import type { IterationClaims } from './iterations.ts';
import type { VUPool } from './vu-pool.ts';

export interface ScenarioRun {
  readonly config: ScenarioBase;
  readonly plan: ExecutionPlan;
  readonly state: ScenarioState;
  readonly host: ThreadHost;
  readonly pool: VUPool;
  /** this thread's part of the instance's segment */
  readonly segment: SegmentContext;
  /** shared-iterations: the instance's iteration budget, shared by its threads */
  readonly claims: IterationClaims | undefined;
  /** true for the first of the instance's threads to ask: a one-time warning is logged once per instance, as in k6 */
  firstToWarn(): boolean;
  /** performance.now() at the scenario's start */
  readonly t0: number;
  /** aborted when the whole test stops (abort, SIGINT): end at once, interrupting */
  readonly stop: AbortSignal;
  readonly defs: { iterations: MetricDef; duration: MetricDef; dropped: MetricDef; lag: MetricDef };
  /** iterations started so far on this instance (exec.scenario.iterationInInstance) */
  started: number;
  /** 0..1 */
  progress: number;
  /** VUs currently running an iteration in this scenario */
  active: number;
  /** VUs this scenario holds */
  held: number;
}

export function elapsed(run: ScenarioRun): number {
  return performance.now() - run.t0;
}

/** Interrupts what is still running after the grace period, then resolves when all have ended. */
export async function drain(run: ScenarioRun, inflight: Set<Promise<unknown>>, running: Set<VU>, graceMs: number): Promise<void> {
  if (inflight.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
    run.stop.addEventListener('abort', () => resolve(), { once: true });
  });
  await Promise.race([Promise.allSettled([...inflight]), cut]);
  clearTimeout(timer);
  for (const vu of running) vu.interrupt('graceful stop ended');
  await Promise.allSettled([...inflight]);
}
