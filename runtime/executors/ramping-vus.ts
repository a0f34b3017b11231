/** ramping-vus (docs/k6-compatibility.md#scenarios-and-executors): the VU count follows a piecewise-linear profile of stages. */
import { ConfigError } from '../errors.ts';
import type { SegmentContext } from './segment.ts';
import { type Stage, durationField, inScenario, intField, parseBase, stagesField, sumDurations, toNs } from './config.ts';
import type { Executor, ScenarioBase } from './types.ts';

export interface RampingVUsConfig extends ScenarioBase {
  readonly executor: 'ramping-vus';
  readonly startVUs: number;
  readonly stages: readonly Stage[];
  readonly gracefulRampDownMs: number;
}

interface Step {
  atMs: number;
  vus: number;
}

export const rampingVUs: Executor<RampingVUsConfig> = {
  name: 'ramping-vus',

  parse(name, raw) {
    return inScenario(name, () => {
      const base = parseBase(name, 'ramping-vus', raw, ['startVUs', 'stages', 'gracefulRampDown']);
      const startVUs = intField(raw, 'startVUs', 0, 1);
      const stages = stagesField(raw);
      if (startVUs === 0 && stages.every((s) => s.target === 0)) {
        throw new ConfigError(`either "startVUs" or one of the stages' "target" must be greater than 0`);
      }
      const gracefulRampDownMs = durationField(raw, 'gracefulRampDown', { fallback: 30_000 });
      return { ...base, executor: 'ramping-vus', startVUs, stages, gracefulRampDownMs };
    });
  },

  plan(config, segment) {
    const steps = vuSteps(config, segment);
    const last = steps[steps.length - 1]!;
    const stagesEndMs = sumDurations(config.stages);
    // k6 ends the regular duration at the last change of VU count: stages that stay at 0 add nothing
    // (docs/k6-compatibility.md#scenarios-and-executors). The VUs that leave then get gracefulRampDown, cut at stages end + gracefulStop.
    const endsAtZero = last.vus === 0;
    const durationMs = endsAtZero ? last.atMs : stagesEndMs;
    const hardEndMs = endsAtZero
      ? Math.min(durationMs + config.gracefulRampDownMs, stagesEndMs + config.gracefulStopMs)
      : stagesEndMs + config.gracefulStopMs;
    return {
      type: 'vus',
      maxVUs: steps.reduce((max, s) => Math.max(max, s.vus), 0),
      durationMs,
      gracefulStopMs: hardEndMs - durationMs,
      gracefulRampDownMs: config.gracefulRampDownMs,
      steps,
    };
  },

  maxDurationMs: (config) => sumDurations(config.stages) + config.gracefulStopMs,
};

/**
 * This segment's VU count over time: the segment's share of the global count, which changes
 * (integer nanoseconds, as k6) for a ramp a→b over D ending at T1:
 * up:   count reaches u at T1 − D·(b−u)/(b−a), i.e. floor of the line;
 * down: count falls to u−1 at T1 − D·(u−1−b)/(a−b), i.e. ceil of the line;
 * a zero-duration stage jumps to its target at its end.
 */
function vuSteps(config: RampingVUsConfig, segment: SegmentContext): Step[] {
  const steps: Step[] = [{ atMs: 0, vus: segment.scale(config.startVUs) }];
  const change = (atNs: bigint, globalVUs: number): void => {
    const step = { atMs: Number(atNs) / 1e6, vus: segment.scale(globalVUs) };
    const last = steps[steps.length - 1]!;
    if (last.atMs === step.atMs) {
      steps.pop();
      if (steps.length === 0 || steps[steps.length - 1]!.vus !== step.vus) steps.push(step);
    } else if (last.vus !== step.vus) {
      steps.push(step);
    }
  };
  let current = config.startVUs;
  let stageEnd = 0n;
  for (const stage of config.stages) {
    const d = toNs(stage.durationMs);
    const [a, b] = [current, stage.target];
    stageEnd += d;
    if (d === 0n) {
      change(stageEnd, b);
    } else if (b > a) {
      for (let u = a + 1; u <= b; u++) change(stageEnd - (d * BigInt(b - u)) / BigInt(b - a), u);
    } else {
      for (let u = a; u > b; u--) change(stageEnd - (d * BigInt(u - 1 - b)) / BigInt(a - b), u - 1);
    }
    current = b;
  }
  return steps;
}
