/** constant-arrival-rate (docs/k6-compatibility.md#scenarios-and-executors): `rate` starts per `timeUnit` for `duration`, open model. */
import type { SegmentContext } from './segment.ts';
import { MIN_DURATION_MS, durationField, inScenario, intField, parseBase, positiveDurationField, toNs, vuPoolFields } from './config.ts';
import type { ArrivalStart, Executor, ScenarioBase } from './types.ts';

export interface ConstantArrivalRateConfig extends ScenarioBase {
  readonly executor: 'constant-arrival-rate';
  readonly rate: number;
  readonly timeUnitMs: number;
  readonly durationMs: number;
  readonly preAllocatedVUs: number;
  readonly maxVUs: number;
}

export const constantArrivalRate: Executor<ConstantArrivalRateConfig> = {
  name: 'constant-arrival-rate',

  parse(name, raw) {
    return inScenario(name, () => {
      const base = parseBase(name, 'constant-arrival-rate', raw, ['rate', 'timeUnit', 'duration', 'preAllocatedVUs', 'maxVUs']);
      return {
        ...base,
        executor: 'constant-arrival-rate',
        rate: intField(raw, 'rate', 1),
        timeUnitMs: positiveDurationField(raw, 'timeUnit', 1000),
        durationMs: durationField(raw, 'duration', { minMs: MIN_DURATION_MS }),
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
      durationMs: config.durationMs,
      starts: () => constantStarts(config, segment.resegment(config.maxVUs)),
    };
  },

  maxDurationMs: (config) => config.durationMs + config.gracefulStopMs,
};

/**
 * Global slot k is due at k·P, P = timeUnit/rate exactly, while k·P < duration; this segment
 * takes its striped slots with the unscaled period. k6 stripes them over the sequence
 * re-segmented by maxVUs (docs/k6-compatibility.md#execution-segments); a segment with no share of maxVUs has none.
 */
function* constantStarts(config: ConstantArrivalRateConfig, segment: SegmentContext | undefined): Generator<ArrivalStart> {
  if (!segment) return;
  const unitNs = toNs(config.timeUnitMs);
  const rate = BigInt(config.rate);
  // slots k with k·unit < duration·rate, i.e. k < ceil(duration·rate / unit)
  const slots = Number((toNs(config.durationMs) * rate + unitNs - 1n) / unitNs);
  const unitNsNumber = Number(unitNs);
  const nsPerMsTimesRate = config.rate * 1e6;
  const indices = segment.indices();
  for (let k = indices.next(); k < slots; k = indices.next()) {
    yield { atMs: (k * unitNsNumber) / nsPerMsTimesRate, iterationInTest: k };
  }
}
