/**
 * The web dashboard output: on with `K6_WEB_DASHBOARD=true` or `--web-dashboard` (k6's
 * `K6_WEB_DASHBOARD_*` variables set host, port, period and the HTML report file).
 */
import type { Output, OutputContext, OutputFactory } from '../output.ts';
import { dashboardConfig } from './config.ts';
import { WebDashboard } from './dashboard-output.ts';

/** The dashboard when the environment or `flag` turns it on, else undefined. */
export function webDashboard(ctx: OutputContext, flag: boolean): Output | undefined {
  const config = dashboardConfig(ctx.env, flag);
  if (config === undefined) {
    if (ctx.env.K6_WEB_DASHBOARD_EXPORT)
      ctx.log.warn('K6_WEB_DASHBOARD_EXPORT has no effect without K6_WEB_DASHBOARD=true (or --web-dashboard)');
    return undefined;
  }
  return new WebDashboard(config, ctx);
}

/** `-o web-dashboard` (k6's spelling), for the outputs manager: on by being named, set by the same variables. */
export const webDashboardOutput: OutputFactory = (_arg, ctx) => webDashboard(ctx, true)!;
