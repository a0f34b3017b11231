/**
 * argv of `streamprobe run` → script path, CLI option layer, `-e` variables and runner settings.
 * Flag syntax as k6's (pflag): `--vus 10`, `--vus=10`, `-u 10`, `-u10`, `-qw`, `--no-setup=false`,
 * flags before or after the script, `--` ends flags.
 */
import { availableParallelism } from 'node:os';
import { ExitCode, StreamprobeError } from '../errors.ts';
import type { ProcessEnv } from '../options/env-options.ts';
import { parseBoolText } from '../options/fields.ts';
import { parseBounds, parseGuardMode } from '../saturation/guard.ts';
import type { RunRequest, RuntimeSettings } from '../run/run-request.ts';
import { type Flag, type FlagState, RUN_FLAGS, logFormat } from './flags.ts';

const BY_LONG = new Map(RUN_FLAGS.map((f) => [f.long, f]));
const BY_SHORT = new Map(RUN_FLAGS.filter((f) => f.short !== undefined).map((f) => [f.short!, f]));

function usageError(message: string): StreamprobeError {
  return new StreamprobeError(`${message}; see "streamprobe run --help"`, ExitCode.Generic);
}

/** `processEnv` supplies K6_CONFIG, K6_LOG_FORMAT, K6_NO_COLOR/NO_COLOR, K6_INCLUDE_SYSTEM_ENV_VARS and STREAMPROBE_SATURATION_*. */
export function parseRunArgs(argv: readonly string[], processEnv: ProcessEnv = {}): RunRequest {
  const state: FlagState = { options: {}, env: {}, runtime: {}, warnings: [] };
  const positionals: string[] = [];
  const valueAfter = (i: number, what: string): string => {
    if (i + 1 >= argv.length) throw usageError(`flag needs an argument: ${what}`);
    return argv[i + 1]!;
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const what = eq === -1 ? arg : arg.slice(0, eq);
      const flag = BY_LONG.get(what.slice(2));
      if (!flag) throw usageError(`unknown flag: ${what}`);
      if (eq !== -1) flag.apply(state, arg.slice(eq + 1), what);
      else if (flag.boolean) flag.apply(state, true, what);
      else flag.apply(state, valueAfter(i++, what), what);
    } else if (arg.startsWith('-') && arg !== '-') {
      i = applyShortFlags(arg, i, state, valueAfter);
    } else {
      positionals.push(arg);
    }
  }

  const runtime = resolveRuntime(state.runtime, processEnv);
  if (positionals.length > 1) {
    throw usageError(`"run" takes one script, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  if (positionals.length === 0 && !runtime.help) throw usageError('missing script argument: streamprobe run <script>');
  return { scriptPath: positionals[0] ?? '', cliOptions: state.options, env: state.env, runtime, warnings: state.warnings };
}

/** `-q`, `-qw`, `-u10`, `-u=10`, `-u 10`; returns the index of the last argv entry used */
function applyShortFlags(arg: string, i: number, state: FlagState, valueAfter: (i: number, what: string) => string): number {
  for (let j = 1; j < arg.length; j++) {
    const letter = arg[j]!;
    const flag: Flag | undefined = BY_SHORT.get(letter);
    if (!flag) throw usageError(`unknown shorthand flag: '${letter}' in ${arg}`);
    const what = `-${letter}`;
    const rest = arg.slice(j + 1);
    if (flag.boolean && !rest.startsWith('=')) {
      flag.apply(state, true, what);
      continue;
    }
    const inline = rest.startsWith('=') ? rest.slice(1) : rest;
    if (inline !== '' || rest.startsWith('=')) {
      flag.apply(state, inline, what);
      return i;
    }
    flag.apply(state, valueAfter(i, what), what);
    return i + 1;
  }
  return i;
}

function resolveRuntime(cli: Partial<RuntimeSettings>, env: ProcessEnv): RuntimeSettings {
  const set = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);
  const includeEnv = set('K6_INCLUDE_SYSTEM_ENV_VARS');
  const format = set('K6_LOG_FORMAT');
  return {
    workers: cli.workers ?? availableParallelism(),
    mode: cli.mode ?? 'auto',
    quiet: cli.quiet ?? false,
    verbose: cli.verbose ?? false,
    // https://no-color.org: NO_COLOR counts even when empty
    noColor: cli.noColor ?? (set('K6_NO_COLOR') !== undefined || env.NO_COLOR !== undefined),
    logFormat: cli.logFormat ?? (format === undefined ? 'text' : logFormat(format, 'K6_LOG_FORMAT')),
    configPath: cli.configPath ?? set('K6_CONFIG') ?? null,
    junit: cli.junit ?? null,
    includeSystemEnvVars:
      cli.includeSystemEnvVars ?? (includeEnv === undefined ? true : parseBoolText(includeEnv, 'K6_INCLUDE_SYSTEM_ENV_VARS')),
    help: cli.help ?? false,
    saturationGuard: cli.saturationGuard ?? parseGuardMode(set('STREAMPROBE_SATURATION_GUARD') ?? 'on', 'STREAMPROBE_SATURATION_GUARD'),
    saturationBounds: cli.saturationBounds ?? parseBounds(set('STREAMPROBE_SATURATION_BOUNDS') ?? '', 'STREAMPROBE_SATURATION_BOUNDS'),
    webDashboard: cli.webDashboard ?? false,
  };
}
