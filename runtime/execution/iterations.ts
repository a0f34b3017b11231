/**
 * Runs shared-iterations and per-vu-iterations plans. Iterations not started by maxDuration are
 * reported once as dropped_iterations (k6's rule).
 */
import type { VU } from '../vu/vu.ts';
import { drain, type ScenarioRun } from './scenario-run.ts';
import { sleepMs, yieldIfDue } from './yielder.ts';

export async function runIterations(run: ScenarioRun): Promise<void> {
  const plan = run.plan;
  if (plan.type !== 'shared-iterations' && plan.type !== 'per-vu-iterations') throw new Error(`iterations driver given a ${plan.type} plan`);
  const vus = run.pool.take(plan.vus);
  run.held = vus.length;
  const total = plan.type === 'shared-iterations' ? plan.iterations : plan.iterationsPerVU * plan.vus;
  let ended = false;
  let claimed = 0;
  const running = new Set<VU>();

  const loop = async (vu: VU, quota: number) => {
    vu.enterScenario(run.state);
    let mine = 0;
    while (!ended && !run.host.stopping && claimed < total && mine < quota) {
      claimed++;
      mine++;
      running.add(vu);
      run.active++;
      const iterationInInstance = run.started++;
      const outcome = await vu.runIteration({ iterationInTest: run.segment.globalIndex(iterationInInstance), iterationInInstance }, run.config.exec, run.defs);
      run.active--;
      running.delete(vu);
      run.progress = claimed / total;
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
  const remaining = total - claimed;
  if (remaining > 0) run.host.store.add(run.defs.dropped, { ...(run.host.options?.tags ?? {}), ...run.config.tags, scenario: run.config.name }, remaining);
  run.progress = 1;
  await drain(run, loops, running, run.stop.aborted ? 0 : run.config.gracefulStopMs);
  run.pool.giveBack(vus);
  run.held = 0;
}
