/**
 * Runs constant-vus and ramping-vus plans: the step function sets how many VUs loop. A VU that
 * ramps down finishes its iteration within gracefulRampDown; at the end, gracefulStop applies.
 */
import type { VU } from '../vu/vu.ts';
import { drain, elapsed, type ScenarioRun } from './scenario-run.ts';
import { yieldIfDue } from './yielder.ts';
import { sleepMs } from '../timing/sleep.ts';

export async function runLoopingVUs(run: ScenarioRun): Promise<void> {
  const plan = run.plan;
  if (plan.type !== 'vus') throw new Error(`looping-VUs driver given a ${plan.type} plan`);
  const vus = run.pool.take(plan.maxVUs);
  run.held = vus.length;
  let target = 0;
  let ended = false;
  const running = new Set<VU>();
  const loops = new Map<number, Promise<void>>();

  const loop = async (slot: number) => {
    const vu = vus[slot]!;
    vu.enterScenario(run.state);
    while (!ended && slot < target && !run.host.stopping) {
      running.add(vu);
      run.active++;
      const outcome = await vu.runIteration(
        { iterationInTest: run.segment.globalIndex(run.started), iterationInInstance: run.started++ },
        run.config.exec,
        run.defs,
      );
      run.active--;
      running.delete(vu);
      if (outcome === 'interrupted') break;
      const y = yieldIfDue();
      if (y) await y;
    }
    loops.delete(slot);
  };

  const setTarget = (n: number) => {
    const before = target;
    target = n;
    for (let slot = 0; slot < n; slot++) {
      if (!loops.has(slot)) loops.set(slot, loop(slot));
    }
    if (n < before && plan.gracefulRampDownMs >= 0) {
      const leaving = vus.slice(n, before);
      setTimeout(() => {
        for (const vu of leaving) if (running.has(vu) && vus.indexOf(vu) >= target) vu.interrupt('ramp-down');
      }, plan.gracefulRampDownMs).unref();
    }
  };

  for (const step of plan.steps) {
    const wait = step.atMs - elapsed(run);
    if (wait > 0) await sleepMs(wait, run.stop);
    if (run.stop.aborted || run.host.stopping) break;
    setTarget(step.vus);
    run.progress = Math.min(1, elapsed(run) / plan.durationMs);
  }
  const left = plan.durationMs - elapsed(run);
  const progressTimer = setInterval(() => (run.progress = Math.min(1, elapsed(run) / plan.durationMs)), 200);
  if (left > 0 && !run.stop.aborted && !run.host.stopping) await sleepMs(left, run.stop);
  clearInterval(progressTimer);
  ended = true;
  run.progress = 1;
  await drain(run, new Set(loops.values()), running, run.stop.aborted ? 0 : plan.gracefulStopMs);
  run.pool.giveBack(vus);
  run.held = 0;
}
