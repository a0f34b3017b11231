/** The `--config` JSON file: the lowest layer above the defaults. */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.ts';

export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${path}: ${(err as Error).message}`, { cause: err });
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ConfigError(`config file ${path} must hold a JSON object of options, e.g. {"vus": 10}`);
  }
  return config as Record<string, unknown>;
}
