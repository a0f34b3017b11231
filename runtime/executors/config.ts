/**
 * Reading raw scenario objects (docs/k6-compatibility.md#scenarios-and-executors): the keys every executor shares, strict rejection of
 * unknown keys (k6 unmarshals scenarios strictly), and validated numbers, durations and stages.
 * Field readers throw plain ConfigErrors; inScenario() prefixes them with the scenario's name.
 */
import { ConfigError } from '../errors.ts';
import { formatDuration, parseDuration } from '../units/duration.ts';
import type { ExecutorName, ScenarioBase } from './types.ts';

export type RawScenario = Readonly<Record<string, unknown>>;

export interface Stage {
  readonly durationMs: number;
  readonly target: number;
}

const SCENARIO_NAME = /^[0-9a-zA-Z_-]+$/;
const COMMON_KEYS = ['executor', 'startTime', 'gracefulStop', 'exec', 'env', 'tags', 'options'] as const;
const STAGE_KEYS = ['duration', 'target'];
/** k6's minDuration for duration and maxDuration */
export const MIN_DURATION_MS = 1000;
const DEFAULT_GRACEFUL_STOP_MS = 30_000;

/** Runs a scenario's parsing so that every ConfigError names the scenario. */
export function inScenario<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(`scenario "${name}": ${e.message}`, { cause: e.cause });
    throw e;
  }
}

/** Checks the name and the keys, and reads the options every executor shares. */
export function parseBase(name: string, executor: ExecutorName, raw: RawScenario, ownKeys: readonly string[]): ScenarioBase {
  if (!SCENARIO_NAME.test(name)) {
    throw new ConfigError(`scenario name "${name}" is invalid; use only letters, digits, "_" and "-"`);
  }
  const known = [...ownKeys, ...COMMON_KEYS];
  const unknown = Object.keys(raw).find((k) => !known.includes(k));
  if (unknown !== undefined) {
    throw new ConfigError(`unknown option "${unknown}" for executor ${executor}; valid options: ${known.join(', ')}`);
  }
  return {
    name,
    executor,
    startTimeMs: durationField(raw, 'startTime', { fallback: 0 }),
    gracefulStopMs: durationField(raw, 'gracefulStop', { fallback: DEFAULT_GRACEFUL_STOP_MS }),
    exec: readExec(raw['exec']),
    env: readStringMap(raw['env'], 'env'),
    tags: readStringMap(raw['tags'], 'tags'),
  };
}

function isUnset(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

function label(key: string): string {
  return JSON.stringify(key);
}

/** An integer ≥ min (0 or 1); `fallback` undefined means required. */
export function intField(raw: RawScenario, key: string, min: 0 | 1, fallback?: number): number {
  const value = raw[key];
  if (isUnset(value)) {
    if (fallback === undefined) throw new ConfigError(`${label(key)} is required`);
    return fallback;
  }
  return readInt(value, label(key), min);
}

function readInt(value: unknown, what: string, min: 0 | 1): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const kind = min === 1 ? 'a positive integer' : 'a non-negative integer';
    throw new ConfigError(`${what} must be ${kind}, got ${JSON.stringify(value) ?? String(value)}`);
  }
  return value;
}

/** A non-negative duration in ms, at least `minMs` when given; `fallback` undefined means required. */
export function durationField(raw: RawScenario, key: string, opts: { fallback?: number; minMs?: number } = {}): number {
  const value = raw[key];
  if (isUnset(value)) {
    if (opts.fallback === undefined) throw new ConfigError(`${label(key)} is required, e.g. "30s"`);
    return opts.fallback;
  }
  return readDuration(value, label(key), opts.minMs);
}

function readDuration(value: unknown, what: string, minMs = 0): number {
  const ms = parseDuration(value, what);
  if (ms < 0) throw new ConfigError(`${what} can't be negative, got ${formatDuration(ms)}`);
  if (ms < minMs) throw new ConfigError(`${what} must be at least ${formatDuration(minMs)}, got ${formatDuration(ms)}`);
  return ms;
}

/** A strictly positive duration (timeUnit). */
export function positiveDurationField(raw: RawScenario, key: string, fallback: number): number {
  const ms = durationField(raw, key, { fallback });
  if (ms <= 0) throw new ConfigError(`${label(key)} must be greater than 0, e.g. "1s"`);
  return ms;
}

/** Non-empty `[{duration, target}]`, each key required (k6 rejects stages without either). */
export function stagesField(raw: RawScenario): Stage[] {
  const value = raw['stages'];
  if (!Array.isArray(value) || value.length === 0) {
    throw new ConfigError(`"stages" must be a non-empty array of {duration, target}, e.g. [{ duration: "30s", target: 10 }]`);
  }
  return value.map((stage: unknown, i) => {
    const where = `stages[${i}]`;
    if (typeof stage !== 'object' || stage === null || Array.isArray(stage)) {
      throw new ConfigError(`"${where}" must be an object {duration, target}`);
    }
    const fields = stage as RawScenario;
    const unknown = Object.keys(fields).find((k) => !STAGE_KEYS.includes(k));
    if (unknown !== undefined) throw new ConfigError(`unknown option "${unknown}" in "${where}"; valid options: duration, target`);
    if (isUnset(fields['duration'])) throw new ConfigError(`"${where}.duration" is required, e.g. "30s"`);
    if (isUnset(fields['target'])) throw new ConfigError(`"${where}.target" is required`);
    return {
      durationMs: readDuration(fields['duration'], `"${where}.duration"`),
      target: readInt(fields['target'], `"${where}.target"`, 0),
    };
  });
}

/** maxVUs defaults to preAllocatedVUs and can't be below it. */
export function vuPoolFields(raw: RawScenario): { preAllocatedVUs: number; maxVUs: number } {
  const preAllocatedVUs = intField(raw, 'preAllocatedVUs', 0);
  const maxVUs = intField(raw, 'maxVUs', 0, preAllocatedVUs);
  if (maxVUs < preAllocatedVUs) {
    throw new ConfigError(`"maxVUs" (${maxVUs}) can't be less than "preAllocatedVUs" (${preAllocatedVUs}); raise maxVUs or omit it`);
  }
  return { preAllocatedVUs, maxVUs };
}

export function sumDurations(stages: readonly Stage[]): number {
  return stages.reduce((sum, s) => sum + s.durationMs, 0);
}

/** Exact integer nanoseconds of a parsed duration, for schedule arithmetic. */
export function toNs(ms: number): bigint {
  return BigInt(Math.round(ms * 1e6));
}

function readExec(value: unknown): string {
  if (isUnset(value)) return 'default';
  if (typeof value !== 'string' || value === '') {
    throw new ConfigError(`"exec" must be the name of an exported function, got ${JSON.stringify(value)}`);
  }
  return value;
}

function readStringMap(value: unknown, key: string): Record<string, string> {
  if (isUnset(value)) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${label(key)} must be an object of string values, e.g. { KEY: "value" }`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const bad = entries.find(([, v]) => typeof v !== 'string');
  if (bad) throw new ConfigError(`${label(key)}.${bad[0]} must be a string, got ${JSON.stringify(bad[1])}`);
  return Object.fromEntries(entries) as Record<string, string>;
}
