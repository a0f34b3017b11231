/**
 * Runs shared-iterations and per-vu-iterations plans. Iterations not started by maxDuration are
 * reported once as dropped_iterations (k6's rule).
 */
import type { VU } from '../vu/vu.ts';
import { SegmentContext } from '../executors/segment.ts';
import { drain, type ScenarioRun } from './scenario-run.ts';
import { yieldIfDue } from './yielder.ts';
import { sleepMs } from '../timing/sleep.ts';

export async function runIterations(run: ScenarioRun): Promise<void> {
  const plan = run.plan;
  if (plan.type !== 'shared-iterations' && plan.type !== 'per-vu-iterations')
    throw new Error(`iterations driver given a ${plan.type} plan`);
  const vus = run.pool.take(plan.vus);
  run.held = vus.length;
  const budget =
    plan.type === 'shared-iterations'
      ? run.claims
      : new IterationClaims(new Int32Array(1), 0, plan.iterationsPerVU * plan.vus, run.segment);
  if (!budget) throw new Error(`shared-iterations scenario "${run.config.name}" has no claim counter`);
  // a thread without VUs here leaves the shared budget to the threads that have some
  if (vus.length === 0) {
    run.progress = budget.claimed() / budget.total;
    return;
  }
  let ended = false;
  const running = new Set<VU>();

  const loop = async (vu: VU, quota: number) => {
    vu.enterScenario(run.state);
    let mine = 0;
    while (!ended && !run.host.stopping && mine < quota) {
      const index = budget.claim();
      if (index < 0) break;
      mine++;
      running.add(vu);
      run.active++;
      run.started++;
      const outcome = await vu.runIteration(
        { iterationInTest: budget.numbering.globalIndex(index), iterationInInstance: index },
        run.config.exec,
        run.defs,
      );
      run.active--;
      running.delete(vu);
      run.progress = budget.claimed() / budget.total;
      if (outcome === 'interrupted') break;
      const y = yieldIfDue();
      if (y) await y;
    }
  };

  const quota = plan.type === 'per-vu-iterations' ? plan.iterationsPerVU : Infinity;
  const loops = new Set<Promise<unknown>>(vus.map((vu) => loop(vu, quota)));
  const finished = new AbortController();
  const maxDuration = sleepMs(plan.maxDurationMs, AbortSignal.any([run.stop, finished.signal]));
  await Promise.race([Promise.allSettled([...loops]), maxDuration]);
  finished.abort();
  ended = true;
  const remaining = budget.close();
  if (remaining > 0)
    run.host.store.add(run.defs.dropped, { ...(run.host.options?.tags ?? {}), ...run.config.tags, scenario: run.config.name }, remaining);
  run.progress = 1;
  await drain(run, loops, running, run.stop.aborted ? 0 : run.config.gracefulStopMs);
  run.pool.giveBack(vus);
  run.held = 0;
}

/**
 * An iteration budget claimed atomically. For shared-iterations it lives in shared memory, so the
 * VUs of every worker thread of the instance draw from one pool, as k6's VUs of one instance do.
 */
export class IterationClaims {
  constructor(
    private readonly cells: Int32Array,
    private readonly slot: number,
    readonly total: number,
    /** maps a claimed index to the test's iteration number (exec.scenario.iterationInTest) */
    readonly numbering: SegmentContext = SegmentContext.full,
  ) {}

  /** The next instance-local iteration index, or -1 when the budget is spent. */
  claim(): number {
    const index = Atomics.add(this.cells, this.slot, 1);
    return index < this.total ? index : -1;
  }

  claimed(): number {
    return Math.min(this.total, Atomics.load(this.cells, this.slot));
  }

  /** Spends what is left and returns how much that was (only the first closer gets a non-zero count). */
  close(): number {
    return Math.max(0, this.total - Atomics.exchange(this.cells, this.slot, this.total));
  }
}
