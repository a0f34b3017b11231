/**
 * k6 glue for the record stamps (lib/stamp-headers.ts): the VU's generator id, its stamper, and
 * the iteration's intended start. Call from iterations, not the init context (exec.vu throws there).
 */
import exec from 'k6/execution';
import { Stamper } from './stamp-headers.ts';

let stamper: Stamper | undefined;

/** Unique across instances and execution segments: exec.vu.idInTest. */
export function generatorId(): string {
  return String(exec.vu.idInTest);
}

/** This VU's stamper for the run (one sequence per VU). */
export function vuStamper(runId: string): Stamper {
  if (stamper === undefined || stamper.runId !== runId) stamper = new Stamper(runId, generatorId());
  return stamper;
}

/**
 * When the current iteration was due to start, epoch ms: streamprobe's arrival-rate executors
 * expose it as exec.scenario.intendedStartTime; real k6 does not, so fall back to now.
 */
export function intendedStartMs(): number {
  const t = (exec.scenario as { intendedStartTime?: number }).intendedStartTime;
  return typeof t === 'number' ? t : Date.now();
}
