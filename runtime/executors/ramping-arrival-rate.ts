/** ramping-arrival-rate (docs/k6-compatibility.md#scenarios-and-executors): the start rate changes linearly within each stage. */
import type { SegmentContext } from './segment.ts';
import {
  type Stage,
  inScenario,
  intField,
  parseBase,
  positiveDurationField,
  stagesField,
  sumDurations,
  toNs,
  vuPoolFields,
} from './config.ts';
import type { ArrivalStart, Executor, ScenarioBase } from './types.ts';

export interface RampingArrivalRateConfig extends ScenarioBase {
  readonly executor: 'ramping-arrival-rate';
  readonly startRate: number;
  readonly timeUnitMs: number;
  readonly stages: readonly Stage[];
  readonly preAllocatedVUs: number;
  readonly maxVUs: number;
}

export const rampingArrivalRate: Executor<RampingArrivalRateConfig> = {
  name: 'ramping-arrival-rate',

  parse(name, raw) {
    return inScenario(name, () => {
      const base = parseBase(name, 'ramping-arrival-rate', raw, ['startRate', 'timeUnit', 'stages', 'preAllocatedVUs', 'maxVUs']);
      return {
        ...base,
        executor: 'ramping-arrival-rate',
        startRate: intField(raw, 'startRate', 0, 0),
        timeUnitMs: positiveDurationField(raw, 'timeUnit', 1000),
        stages: stagesField(raw),
        ...vuPoolFields(raw),
      };
    });
  },

  plan(config, segment) {
    return {
      type: 'arrival',
      preAllocatedVUs: segment.scale(config.preAllocatedVUs),
      maxVUs: segment.scale(config.maxVUs),
      scriptMaxVUs: config.maxVUs,
      durationMs: sumDurations(config.stages),
      starts: () => calendarStarts(config, segment.resegment(config.maxVUs)),
    };
  },

  maxDurationMs: (config) => sumDurations(config.stages) + config.gracefulStopMs,
};

/**
 * k6's "calendar": iteration i (from 1) starts when the integral of the rate reaches i. Within a
 * stage with rates a→b per time unit over δ time units, after `done` iterations at its start,
 * k = i − done solves a·t + (b−a)·t²/(2δ) = k:
 *   t = (a·δ − √(δ·(a²·δ + 2k·(b−a)))) / (a − b)   (docs/k6-compatibility.md#scenarios-and-executors)
 * computed as the equal 2k·δ / (a·δ + √…), which does not cancel; flat stages: t = k/a.
 * Cumulative counts are exact (BigInt over the common denominator 2·timeUnit), so stage borders,
 * carried fractions and the "nothing at or after the end" rule don't drift. A segment walks its
 * striped global indices, so the union over a sequence is exactly the unsegmented schedule; k6
 * stripes them over the sequence re-segmented by maxVUs (docs/k6-compatibility.md#execution-segments), and a segment with no share
 * of maxVUs has none.
 */
function* calendarStarts(config: RampingArrivalRateConfig, segment: SegmentContext | undefined): Generator<ArrivalStart> {
  if (!segment) return;
  const unitNs = toNs(config.timeUnitMs);
  const den = 2n * unitNs;
  const endMs = sumDurations(config.stages);
  const indices = segment.indices();
  let g = indices.next(); // global 0-based index; i = g + 1
  let areaTimesDen = 0n; // iterations due by the stage start, × den
  let from = config.startRate;
  let stageStartNs = 0n;
  for (const stage of config.stages) {
    const durNs = toNs(stage.durationMs);
    const to = stage.target;
    const done = Number(areaTimesDen / den) + Number(areaTimesDen % den) / Number(den);
    areaTimesDen += durNs * BigInt(from + to);
    const lastI = Number(areaTimesDen / den);
    const landsOnEnd = areaTimesDen % den === 0n;
    const startMs = Number(stageStartNs) / 1e6;
    const stageEndMs = Number(stageStartNs + durNs) / 1e6;
    const units = Number(durNs) / Number(unitNs); // δ
    for (; g + 1 <= lastI; g = indices.next()) {
      const k = g + 1 - done;
      let atMs: number;
      if (landsOnEnd && g + 1 === lastI) {
        atMs = stageEndMs;
      } else if (from === to) {
        atMs = startMs + (k * config.timeUnitMs) / to;
      } else {
        const root = Math.sqrt(Math.max(0, units * (from * from * units + 2 * k * (to - from))));
        const t = startMs + ((2 * k * units) / (from * units + root)) * config.timeUnitMs;
        atMs = Math.min(Math.max(t, startMs), stageEndMs);
      }
      if (atMs >= endMs) return;
      yield { atMs, iterationInTest: g };
    }
    from = to;
    stageStartNs += durNs;
  }
}
