/**
 * Sustainable throughput (Karimov et al., "Benchmarking Distributed Stream Data Processing Systems",
 * ICDE 2018): the highest input rate a system processes without prolonged backpressure — its
 * latency does not keep growing while the rate is held. (A consumer lag that grows shows as a
 * growing result latency too: results wait behind the backlog.) Pure: a step of lib/profiles'
 * sustainableThroughputProfile passes when, over its hold, the least-squares slope of the window
 * result latency stays under `maxLatencyGrowthMsPerS` (the load generator keeping the rate is gated
 * by the script's dropped_iterations threshold). The answer is the rate of the last step before the
 * first failure.
 */
import type { ThroughputStep } from './profiles.ts';
import { median } from './stats.ts';

export interface Sample {
  /** ms from the scenario start */
  atMs: number;
  value: number;
}

export interface SustainCriteria {
  maxLatencyGrowthMsPerS: number;
  /** steps need this many latency samples to be judged */
  minSamples: number;
}

export const DEFAULT_SUSTAIN_CRITERIA: SustainCriteria = { maxLatencyGrowthMsPerS: 20, minSamples: 5 };

export interface StepVerdict {
  eventsPerSecond: number;
  samples: number;
  medianLatencyMs: number;
  latencyGrowthMsPerS: number;
  ok: boolean;
  why: string;
}

/** least-squares slope of value over time, per second; 0 with fewer than 2 samples */
export function slopePerSecond(samples: readonly Sample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  let st = 0;
  let sv = 0;
  for (const s of samples) {
    st += s.atMs;
    sv += s.value;
  }
  const mt = st / n;
  const mv = sv / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.atMs - mt) * (s.value - mv);
    den += (s.atMs - mt) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 1000;
}

export function judgeSteps(
  steps: readonly ThroughputStep[],
  latency: readonly Sample[],
  c: SustainCriteria = DEFAULT_SUSTAIN_CRITERIA,
): { steps: StepVerdict[]; sustainableEventsPerSecond: number } {
  const within = (xs: readonly Sample[], s: ThroughputStep) => xs.filter((x) => x.atMs >= s.holdFromMs && x.atMs < s.holdToMs);
  const verdicts = steps.map((s): StepVerdict => {
    const l = within(latency, s);
    const v: StepVerdict = {
      eventsPerSecond: s.eventsPerSecond,
      samples: l.length,
      medianLatencyMs: median(l.map((x) => x.value)),
      latencyGrowthMsPerS: slopePerSecond(l),
      ok: true,
      why: 'sustained',
    };
    const fail = (why: string) => Object.assign(v, { ok: false, why });
    if (l.length < c.minSamples) fail(`only ${l.length} latency samples (results not visible)`);
    else if (v.latencyGrowthMsPerS > c.maxLatencyGrowthMsPerS) fail(`latency grows ${v.latencyGrowthMsPerS.toFixed(1)} ms/s`);
    return v;
  });
  let sustainable = 0;
  for (const v of verdicts) {
    if (!v.ok) break;
    sustainable = v.eventsPerSecond;
  }
  return { steps: verdicts, sustainableEventsPerSecond: sustainable };
}
