/**
 * Shortcut options → scenarios, in k6 v1.x order (docs/k6-compatibility.md#options): iterations, then duration, then
 * stages, then explicit scenarios, else one VU running one iteration.
 */
import { ConfigError } from '../errors.ts';
import { parseDuration } from '../units/duration.ts';
import type { Options } from './types.ts';

export const DEFAULT_SCENARIO_NAME = 'default';

type RawScenarios = Record<string, Record<string, unknown>>;

function conflict(a: string, b: string): ConfigError {
  return new ConfigError(`using "${a}" and "${b}" together is not allowed; keep one of them, or describe the whole load in "scenarios"`);
}

export function deriveScenarios(o: Readonly<Options>): { scenarios: RawScenarios; warnings: string[] } {
  // k6 drops stages without a duration
  const stages = (o.stages ?? []).filter((s) => s.duration !== undefined && s.duration !== null);
  const withVUs = o.vus === undefined ? {} : { vus: o.vus };
  const single = (config: Record<string, unknown>) => ({ scenarios: { [DEFAULT_SCENARIO_NAME]: config }, warnings: [] });

  if (o.iterations !== undefined) {
    if (stages.length > 0) throw conflict('iterations', 'stages');
    if (o.scenarios !== undefined) throw conflict('iterations', 'scenarios');
    return single({
      executor: 'shared-iterations',
      ...withVUs,
      iterations: o.iterations,
      ...(o.duration === undefined ? {} : { maxDuration: o.duration }),
    });
  }
  if (o.duration !== undefined) {
    if (stages.length > 0) throw conflict('duration', 'stages');
    if (o.scenarios !== undefined) throw conflict('duration', 'scenarios');
    if (parseDuration(o.duration, 'duration') <= 0) {
      throw new ConfigError(`"duration" must be positive, got ${JSON.stringify(o.duration)}`);
    }
    return single({ executor: 'constant-vus', ...withVUs, duration: o.duration });
  }
  if (stages.length > 0) {
    if (o.scenarios !== undefined) throw conflict('stages', 'scenarios');
    return single({ executor: 'ramping-vus', ...(o.vus === undefined ? {} : { startVUs: o.vus }), stages });
  }

  const warnings =
    o.vus !== undefined && o.vus !== 1
      ? [`the "vus" option (${o.vus}) is ignored: it works only with "iterations", "duration" or "stages"; set VUs per scenario instead`]
      : [];
  if (o.scenarios !== undefined && Object.keys(o.scenarios).length > 0) return { scenarios: o.scenarios, warnings };
  return { scenarios: { [DEFAULT_SCENARIO_NAME]: { executor: 'per-vu-iterations' } }, warnings };
}
