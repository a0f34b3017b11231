/**
 * All option layers → the options the runtime runs with (docs/k6-compatibility.md#options): check each layer, merge
 * by precedence (defaults < config file < script < K6_* env < CLI), fill defaults, turn shortcuts
 * into scenarios and have each scenario's executor check and normalise it.
 */
import { ConfigError } from '../errors.ts';
import { parseScenario } from '../executors/index.ts';
import { deriveScenarios } from './derive.ts';
import { parseDuration } from '../units/duration.ts';
import { OPTION_FIELDS, isOptionKey } from './fields.ts';
import { type Layer, mergeLayers } from './merge.ts';
import type { ConsolidatedOptions, Options } from './types.ts';
import { DEFAULT_SUMMARY_TREND_STATS, DEFAULT_SYSTEM_TAGS, parseOutputSpec } from './values.ts';

export interface ConsolidateInput {
  /** lowest layer, below the config file (for embedders and tests) */
  readonly defaults?: Readonly<Options>;
  /** the parsed `--config` file */
  readonly config?: object;
  readonly configPath?: string;
  /** the script's exported `options` (undefined if none) */
  readonly script?: unknown;
  readonly env: Readonly<Options>;
  readonly cli: Readonly<Options>;
}

const DEFAULT_TIMEOUT = '60s';

export function consolidate(input: ConsolidateInput): ConsolidatedOptions {
  const warnings: string[] = [];
  const check = (raw: unknown, source: string, describe: (key: string) => string): Options => checkLayer(raw, source, describe, warnings);
  const configName = input.configPath === undefined ? 'the config file' : `config file ${input.configPath}`;
  const layers: Layer[] = [
    { name: 'the defaults', options: check(input.defaults, 'the defaults', (k) => `default "${k}"`), quiet: true },
    { name: configName, options: check(input.config, configName, (k) => `"${k}" in ${configName}`) },
    { name: 'script options', options: check(input.script, 'script options', (k) => `options.${k}`) },
    { name: 'the environment', options: check(input.env, 'the environment', (k) => `option "${k}" from the environment`) },
    { name: 'the command line', options: check(input.cli, 'the command line', (k) => `option "${k}" from the command line`) },
  ];
  const { merged, warnings: overrides } = mergeLayers(layers);
  warnings.push(...overrides);

  const derived = deriveScenarios(merged);
  warnings.push(...derived.warnings);

  return {
    scenarios: Object.fromEntries(Object.entries(derived.scenarios).map(([name, raw]) => [name, parseScenario(name, raw)])),
    thresholds: merged.thresholds ?? {},
    tags: merged.tags ?? {},
    summaryTrendStats: merged.summaryTrendStats ?? DEFAULT_SUMMARY_TREND_STATS,
    summaryTimeUnit: merged.summaryTimeUnit ?? null,
    setupTimeoutMs: parseDuration(merged.setupTimeout ?? DEFAULT_TIMEOUT, 'setupTimeout'),
    teardownTimeoutMs: parseDuration(merged.teardownTimeout ?? DEFAULT_TIMEOUT, 'teardownTimeout'),
    noSetup: merged.noSetup ?? false,
    noTeardown: merged.noTeardown ?? false,
    systemTags: merged.systemTags ?? DEFAULT_SYSTEM_TAGS,
    executionSegment: merged.executionSegment ?? null,
    executionSegmentSequence: merged.executionSegmentSequence ?? null,
    minIterationDurationMs:
      merged.minIterationDuration === undefined ? 0 : parseDuration(merged.minIterationDuration, 'minIterationDuration'),
    throw: merged.throw ?? false,
    noThresholds: merged.noThresholds ?? false,
    summaryMode: merged.summaryMode ?? 'compact',
    summaryExport: merged.summaryExport ?? null,
    out: (merged.out ?? []).map((o) => parseOutputSpec(o, 'out')),
    merged,
    warnings,
  };
}

/** Checks every known key; unknown keys are ignored as k6 does, with a warning. null counts as unset. */
function checkLayer(raw: unknown, source: string, describe: (key: string) => string, warnings: string[]): Options {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${source} must be an object of options, got ${JSON.stringify(raw)}`);
  }
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    if (!isOptionKey(key)) {
      warnings.push(`unknown option "${key}" in ${source} is ignored`);
      continue;
    }
    options[key] = OPTION_FIELDS[key].kind.check(value, describe(key));
  }
  return options as Options;
}
