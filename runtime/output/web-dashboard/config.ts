/** The web dashboard's settings from k6's `K6_WEB_DASHBOARD_*` variables (and `--web-dashboard`). */
import { ConfigError } from '../../errors.ts';
import { parseDuration } from '../../units/duration.ts';
import { parseBoolText } from '../../options/fields.ts';

export interface DashboardConfig {
  readonly host: string;
  /** -1: no live server (k6's way to keep CI runs from waiting on browsers); 0: any free port */
  readonly port: number;
  /** charts aggregate the ~1 s intervals into points of this length */
  readonly periodMs: number;
  readonly open: boolean;
  /** the HTML report written at the end, or undefined */
  readonly exportPath: string | undefined;
}

export const DEFAULT_PORT = 5665;
export const DEFAULT_PERIOD_MS = 10_000;

const value = (env: NodeJS.ProcessEnv, name: string): string | undefined => (env[name] === '' ? undefined : env[name]?.trim());

/** Undefined when the dashboard is off (neither `K6_WEB_DASHBOARD=true` nor the flag). */
export function dashboardConfig(env: NodeJS.ProcessEnv, flag: boolean): DashboardConfig | undefined {
  const enabled = flag || parseBoolText(value(env, 'K6_WEB_DASHBOARD') ?? 'false', 'K6_WEB_DASHBOARD');
  if (!enabled) return undefined;
  const portText = value(env, 'K6_WEB_DASHBOARD_PORT');
  const port = portText === undefined ? DEFAULT_PORT : Number(portText);
  if (!/^-?[0-9]+$/.test(portText ?? '0') || port < -1 || port > 65535) {
    throw new ConfigError(`K6_WEB_DASHBOARD_PORT must be a port number from 0 to 65535, or -1 for no server; got "${portText}"`);
  }
  const periodText = value(env, 'K6_WEB_DASHBOARD_PERIOD');
  const periodMs = periodText === undefined ? DEFAULT_PERIOD_MS : parseDuration(periodText, 'K6_WEB_DASHBOARD_PERIOD');
  if (periodMs < 1000)
    throw new ConfigError(`K6_WEB_DASHBOARD_PERIOD must be at least 1s (metrics arrive once a second); got "${periodText}"`);
  return {
    host: value(env, 'K6_WEB_DASHBOARD_HOST') ?? '127.0.0.1',
    port,
    periodMs,
    open: parseBoolText(value(env, 'K6_WEB_DASHBOARD_OPEN') ?? 'false', 'K6_WEB_DASHBOARD_OPEN'),
    exportPath: value(env, 'K6_WEB_DASHBOARD_EXPORT'),
  };
}
