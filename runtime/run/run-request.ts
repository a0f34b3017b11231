/**
 * What `streamprobe run` is asked to do, as plain values: cli/args.ts builds it from argv and the
 * environment, run/run-test.ts runs it.
 */
import type { ModeFlag } from '../classic/mode.ts';
import type { Options } from '../options/types.ts';
import type { GuardMode, SaturationBounds } from '../saturation/guard.ts';

export type LogFormat = 'text' | 'json' | 'raw';

/** Settings of the runner itself, not test options (k6's global and runtime flags). */
export interface RuntimeSettings {
  workers: number;
  /** classic (a thread per VU, blocking calls), async, or auto: chosen from the script */
  mode: ModeFlag;
  quiet: boolean;
  verbose: boolean;
  noColor: boolean;
  logFormat: LogFormat;
  configPath: string | null;
  /** --junit FILE.xml: thresholds and checks as JUnit XML */
  junit: string | null;
  includeSystemEnvVars: boolean;
  help: boolean;
  saturationGuard: GuardMode;
  saturationBounds: SaturationBounds;
  /** k6's K6_WEB_DASHBOARD=true as a flag */
  webDashboard: boolean;
}

export interface RunRequest {
  /** as given; "-" is stdin; "" only when `runtime.help` */
  readonly scriptPath: string;
  readonly cliOptions: Options;
  /** the `-e NAME=VALUE` variables (buildScriptEnv adds the process environment) */
  readonly env: Record<string, string>;
  readonly runtime: RuntimeSettings;
  readonly warnings: string[];
}
