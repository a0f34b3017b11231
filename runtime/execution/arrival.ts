/**
 * Runs constant- and ramping-arrival-rate plans: each start goes to an idle VU at its intended
 * time, or is dropped (never retried). Lag (actual − intended start) is recorded for every start.
 */
import type { VU } from '../vu/vu.ts';
import { drain, elapsed, type ScenarioRun } from './scenario-run.ts';
import { sleepMs } from '../timing/sleep.ts';

export async function runArrival(run: ScenarioRun): Promise<void> {
  const plan = run.plan;
  if (plan.type !== 'arrival') throw new Error(`arrival driver given a ${plan.type} plan`);
  const idle: VU[] = run.pool.take(plan.preAllocatedVUs);
  const all = new Set<VU>(idle);
  const running = new Set<VU>();
  const inflight = new Set<Promise<unknown>>();
  const dropped = run.host.store.series(run.defs.dropped, dropTags(run));
  let growing = false;
  let warned = false;
  run.held = idle.length;

  const dispatch = (vu: VU, atMs: number, iterationInTest: number, lagMs: number) => {
    running.add(vu);
    run.active++;
    const iterationInInstance = run.started++;
    vu.enterScenario(run.state);
    vu.emit(run.defs.lag, lagMs);
    const p = vu
      .runIteration({ iterationInTest, iterationInInstance, intendedEpochMs: run.state.startEpochMs + atMs }, run.config.exec, run.defs)
      .then((outcome) => {
        running.delete(vu);
        run.active--;
        inflight.delete(p);
        if (outcome === 'complete') idle.push(vu);
      });
    inflight.add(p);
  };

  const starts = plan.starts();
  let next = starts.next();
  /** the due start `next` already waited one turn for a VU */
  let retried = false;
  while (!next.done && !run.stop.aborted && !run.host.stopping) {
    const now = elapsed(run);
    run.progress = Math.min(1, now / plan.durationMs);
    const wait = next.value.atMs - now;
    if (wait > 0) {
      await sleepMs(wait, run.stop);
      continue;
    }
    // Dispatch everything due now, then yield so finished iterations can return their VUs.
    let budget = 2000;
    do {
      const vu = idle.pop();
      if (vu) dispatch(vu, next.value.atMs, next.value.iterationInTest, now - next.value.atMs);
      else if (!retried && running.size > 0) {
        // Iterations that ended during this loop hand their VUs back only once it yields: in k6
        // those VUs would be idle already, so look again after one turn before dropping.
        retried = true;
        break;
      } else {
        dropped.add(1);
        if (all.size < plan.maxVUs && !growing) {
          growing = true;
          setImmediate(() => {
            const extra = run.pool.grow();
            all.add(extra);
            run.held = all.size;
            idle.push(extra);
            growing = false;
          });
        } else if (all.size >= plan.maxVUs && !warned) {
          warned = true;
          if (run.firstToWarn())
            run.host.log.warn(
              `Insufficient VUs, reached maxVUs ${plan.scriptMaxVUs} and cannot initialize more (scenario "${run.config.name}"); raise maxVUs to start every iteration`,
            );
        }
      }
      retried = false;
      next = starts.next();
    } while (!next.done && next.value.atMs <= now && --budget > 0);
    await new Promise((r) => setImmediate(r));
  }
  // wait for the regular end even if the schedule ended early
  const left = plan.durationMs - elapsed(run);
  if (left > 0 && !run.stop.aborted && !run.host.stopping) await sleepMs(left, run.stop);
  run.progress = 1;
  await drain(run, inflight, running, run.stop.aborted ? 0 : run.config.gracefulStopMs);
  run.pool.giveBack(all);
  run.held = 0;
}

function dropTags(run: ScenarioRun): Record<string, string> {
  const options = run.host.options;
  const tags: Record<string, string> = { ...(options?.tags ?? {}), ...run.config.tags };
  if (!options?.systemTags || options.systemTags.includes('scenario')) tags.scenario = run.config.name;
  return tags;
}
