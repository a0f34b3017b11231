/** shared-iterations (docs/k6-compatibility.md#scenarios-and-executors): `vus` VUs pull from one pool of `iterations`. */
import { ConfigError } from '../errors.ts';
import { MIN_DURATION_MS, durationField, inScenario, intField, parseBase } from './config.ts';
import type { Executor, ScenarioBase } from './types.ts';

export interface SharedIterationsConfig extends ScenarioBase {
  readonly executor: 'shared-iterations';
  readonly vus: number;
  readonly iterations: number;
  readonly maxDurationMs: number;
}

export const sharedIterations: Executor<SharedIterationsConfig> = {
  name: 'shared-iterations',

  parse(name, raw) {
    return inScenario(name, () => {
      const base = parseBase(name, 'shared-iterations', raw, ['vus', 'iterations', 'maxDuration']);
      const vus = intField(raw, 'vus', 1, 1);
      const iterations = intField(raw, 'iterations', 1, 1);
      if (iterations < vus) {
        throw new ConfigError(`"iterations" (${iterations}) can't be less than "vus" (${vus}); lower vus or raise iterations`);
      }
      const maxDurationMs = durationField(raw, 'maxDuration', { fallback: 600_000, minMs: MIN_DURATION_MS });
      return { ...base, executor: 'shared-iterations', vus, iterations, maxDurationMs };
    });
  },

  // k6 shares the iterations by the sequence re-segmented by vus (docs/k6-compatibility.md#execution-segments)
  plan(config, segment) {
    const space = segment.resegment(config.vus);
    return {
      type: 'shared-iterations',
      vus: segment.scale(config.vus),
      iterations: space ? space.scale(config.iterations) : 0,
      iterationSegment: space ?? segment,
      maxDurationMs: config.maxDurationMs,
    };
  },

  maxDurationMs: (config) => config.maxDurationMs + config.gracefulStopMs,
};
