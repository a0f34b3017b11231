/** The executor registry: name → executor, and parsing of one raw scenario object. */
import { ConfigError } from '../errors.ts';
import { type ConstantArrivalRateConfig, constantArrivalRate } from './constant-arrival-rate.ts';
import { type ConstantVUsConfig, constantVUs } from './constant-vus.ts';
import { type PerVUIterationsConfig, perVUIterations } from './per-vu-iterations.ts';
import { type RampingArrivalRateConfig, rampingArrivalRate } from './ramping-arrival-rate.ts';
import { type RampingVUsConfig, rampingVUs } from './ramping-vus.ts';
import { type SharedIterationsConfig, sharedIterations } from './shared-iterations.ts';
import type { Executor, ExecutorName } from './types.ts';

export type ScenarioConfig =
  | SharedIterationsConfig
  | PerVUIterationsConfig
  | ConstantVUsConfig
  | RampingVUsConfig
  | ConstantArrivalRateConfig
  | RampingArrivalRateConfig;

export const executors: Record<ExecutorName, Executor> = {
  'shared-iterations': sharedIterations,
  'per-vu-iterations': perVUIterations,
  'constant-vus': constantVUs,
  'ramping-vus': rampingVUs,
  'constant-arrival-rate': constantArrivalRate,
  'ramping-arrival-rate': rampingArrivalRate,
};

const NAMES = Object.keys(executors).join(', ');

export function getExecutor(name: string, scenarioName: string): Executor {
  if (Object.hasOwn(executors, name)) return executors[name as ExecutorName];
  if (name === 'externally-controlled') {
    throw new ConfigError(
      `scenario "${scenarioName}": executor "externally-controlled" was removed in k6 v2 and is not supported; use one of ${NAMES}`,
    );
  }
  throw new ConfigError(`scenario "${scenarioName}": unknown executor "${name}"; use one of ${NAMES}`);
}

/** Validates one entry of `options.scenarios` by its `executor` key. */
export function parseScenario(name: string, raw: unknown): ScenarioConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`scenario "${name}" must be an object with an "executor" key`);
  }
  const executor = (raw as Record<string, unknown>)['executor'];
  if (typeof executor !== 'string') {
    throw new ConfigError(`scenario "${name}": "executor" is required; use one of ${NAMES}`);
  }
  return getExecutor(executor, name).parse(name, raw as Record<string, unknown>) as ScenarioConfig;
}
