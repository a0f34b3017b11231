/** `--out csv=…` settings (docs/outputs.md): defaults < `K6_CSV_*` < the output argument. */
import { ConfigError } from '../../errors.ts';
import { parseDuration } from '../../units/duration.ts';

export const TIME_FORMATS = ['unix', 'unix_milli', 'unix_micro', 'unix_nano', 'rfc3339', 'rfc3339_nano'] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

export interface CsvConfig {
  readonly fileName: string;
  readonly saveIntervalMs: number;
  readonly timeFormat: TimeFormat;
}

/** `arg` is a file name, or `fileName=x.csv,saveInterval=1s,timeFormat=unix`. */
export function csvConfig(arg: string, env: NodeJS.ProcessEnv): CsvConfig {
  const raw: Record<string, string | undefined> = {
    fileName: env.K6_CSV_FILENAME || 'file.csv',
    saveInterval: env.K6_CSV_SAVE_INTERVAL || '1s',
    timeFormat: env.K6_CSV_TIME_FORMAT || 'unix',
  };
  if (arg.includes('=')) {
    for (const pair of arg.split(',')) {
      const eq = pair.indexOf('=');
      const key = pair.slice(0, eq);
      if (eq === -1 || !(key in raw)) {
        throw new ConfigError(`output csv: unknown setting "${pair}"; use fileName=FILE, saveInterval=DURATION or timeFormat=FORMAT`);
      }
      raw[key] = pair.slice(eq + 1);
    }
  } else if (arg !== '') {
    raw.fileName = arg;
  }
  const timeFormat = raw.timeFormat as TimeFormat;
  if (!TIME_FORMATS.includes(timeFormat)) {
    throw new ConfigError(`output csv: unknown timeFormat "${raw.timeFormat}"; use one of ${TIME_FORMATS.join(', ')}`);
  }
  const saveIntervalMs = parseDuration(raw.saveInterval, 'output csv saveInterval');
  if (saveIntervalMs <= 0) throw new ConfigError(`output csv: saveInterval must be positive, got "${raw.saveInterval}"`);
  return { fileName: raw.fileName!, saveIntervalMs, timeFormat };
}
