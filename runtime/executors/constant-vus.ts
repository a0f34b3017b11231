/** constant-vus (docs/k6-compatibility.md#scenarios-and-executors): `vus` VUs loop for `duration`. */
import { MIN_DURATION_MS, durationField, inScenario, intField, parseBase } from './config.ts';
import type { Executor, ScenarioBase } from './types.ts';

export interface ConstantVUsConfig extends ScenarioBase {
  readonly executor: 'constant-vus';
  readonly vus: number;
  readonly durationMs: number;
}

export const constantVUs: Executor<ConstantVUsConfig> = {
  name: 'constant-vus',

  parse(name, raw) {
    return inScenario(name, () => {
      const base = parseBase(name, 'constant-vus', raw, ['vus', 'duration']);
      return {
        ...base,
        executor: 'constant-vus',
        vus: intField(raw, 'vus', 1, 1),
        durationMs: durationField(raw, 'duration', { minMs: MIN_DURATION_MS }),
      };
    });
  },

  plan(config, segment) {
    const vus = segment.scale(config.vus);
    return {
      type: 'vus',
      maxVUs: vus,
      durationMs: config.durationMs,
      gracefulRampDownMs: 0,
      gracefulStopMs: config.gracefulStopMs,
      steps: [{ atMs: 0, vus }],
    };
  },

  maxDurationMs: (config) => config.durationMs + config.gracefulStopMs,
};
