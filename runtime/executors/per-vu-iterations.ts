/** per-vu-iterations (docs/k6-compatibility.md#scenarios-and-executors): each of `vus` VUs runs exactly `iterations`. */
import { MIN_DURATION_MS, durationField, inScenario, intField, parseBase } from './config.ts';
import type { Executor, ScenarioBase } from './types.ts';

export interface PerVUIterationsConfig extends ScenarioBase {
  readonly executor: 'per-vu-iterations';
  readonly vus: number;
  readonly iterations: number;
  readonly maxDurationMs: number;
}

export const perVUIterations: Executor<PerVUIterationsConfig> = {
  name: 'per-vu-iterations',

  parse(name, raw) {
    return inScenario(name, () => {
      const base = parseBase(name, 'per-vu-iterations', raw, ['vus', 'iterations', 'maxDuration']);
      return {
        ...base,
        executor: 'per-vu-iterations',
        vus: intField(raw, 'vus', 1, 1),
        iterations: intField(raw, 'iterations', 1, 1),
        maxDurationMs: durationField(raw, 'maxDuration', { fallback: 600_000, minMs: MIN_DURATION_MS }),
      };
    });
  },

  // VUs split across segments; every VU still runs all its iterations
  plan(config, segment) {
    return {
      type: 'per-vu-iterations',
      vus: segment.scale(config.vus),
      iterationsPerVU: config.iterations,
      maxDurationMs: config.maxDurationMs,
    };
  },

  maxDurationMs: (config) => config.maxDurationMs + config.gracefulStopMs,
};
