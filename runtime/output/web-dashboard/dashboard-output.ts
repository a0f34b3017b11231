/** The web dashboard as an Output: the model fed by the run, the live server, the HTML report. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MetricsInterval, Output, OutputContext, TestEnd } from '../output.ts';
import type { DashboardConfig } from './config.ts';
import { DashboardModel } from './model.ts';
import { dashboardHtml } from './page.ts';
import { DashboardServer } from './server.ts';

export class WebDashboard implements Output {
  readonly description: string;
  private readonly model: DashboardModel;
  private readonly server: DashboardServer | undefined;

  constructor(
    private readonly config: DashboardConfig,
    private readonly ctx: OutputContext,
  ) {
    this.model = new DashboardModel({
      title: path.basename(ctx.scriptPath),
      periodMs: config.periodMs,
      thresholds: ctx.options.noThresholds ? {} : ctx.options.thresholds,
    });
    this.server = config.port === -1 ? undefined : new DashboardServer(() => this.model.view());
    const where = this.server ? [`http://${config.host}:${config.port}`] : [];
    if (config.exportPath) where.push(`report ${config.exportPath}`);
    this.description = `web-dashboard (${where.join(', ') || 'no server, no report'})`;
  }

  async start(startEpochMs: number): Promise<void> {
    this.model.start(startEpochMs);
    if (this.config.open)
      this.ctx.log.warn('K6_WEB_DASHBOARD_OPEN is not supported by streamprobe: open the dashboard URL in a browser yourself');
    if (!this.server) return;
    const url = await this.server.listen(this.config.host, this.config.port);
    this.ctx.log.info(`web dashboard: ${url}`);
  }

  addMetrics(interval: MetricsInterval): void {
    if (this.model.add(interval)) this.server?.publish(this.model.view());
  }

  async stop(end: TestEnd | undefined): Promise<void> {
    this.model.finish(end);
    const view = this.model.view();
    if (this.config.exportPath) await this.writeReport(this.config.exportPath);
    if (!this.server) return;
    this.server.publish(view);
    if (this.server.clientCount > 0) {
      // as k6: the final state stays up while a browser shows it
      this.ctx.log.info(
        `web dashboard: the test has ended; waiting for ${this.server.clientCount} open browser window(s) to close (Ctrl+C to exit)`,
      );
      await new Promise<void>((resolve) => {
        const done = () => {
          process.off('SIGINT', done);
          resolve();
        };
        process.once('SIGINT', done);
        void this.server!.whenNoClients().then(done);
      });
    }
    await this.server.close();
  }

  private async writeReport(file: string): Promise<void> {
    try {
      await mkdir(path.dirname(path.resolve(file)), { recursive: true });
      await writeFile(file, await dashboardHtml(this.model.view()));
      this.ctx.log.info(`web dashboard: report written to ${file}`);
    } catch (err) {
      this.ctx.log.error(`could not write the web dashboard report to ${file}: ${(err as Error).message}; check K6_WEB_DASHBOARD_EXPORT`);
    }
  }
}
