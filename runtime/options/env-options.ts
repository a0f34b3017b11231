/** K6_* environment variables → the env layer of options (docs/k6-compatibility.md#options). */
import { OPTION_FIELDS, addOption, optionFromText, parseBoolText } from './fields.ts';
import type { OptionKey, Options } from './types.ts';

export type ProcessEnv = Readonly<Record<string, string | undefined>>;

/** Throws ConfigError naming the variable for a bad value. Empty variables count as unset. */
export function parseEnvOptions(env: ProcessEnv): Options {
  const options: Options = {};
  for (const key of Object.keys(OPTION_FIELDS) as OptionKey[]) {
    const name = OPTION_FIELDS[key].env;
    const text = name === undefined ? undefined : env[name];
    if (text !== undefined && text !== '') addOption(options, key, optionFromText(key, text, name!));
  }
  // deprecated since k6 v1.3, kept for scripts and CI setups that still use it
  const noSummary = env.K6_NO_SUMMARY;
  if (noSummary !== undefined && noSummary !== '' && parseBoolText(noSummary, 'K6_NO_SUMMARY')) {
    options.summaryMode = 'disabled';
  }
  return options;
}
