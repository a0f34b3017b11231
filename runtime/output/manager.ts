/**
 * The outputs of one run: built from `--out` (and `--junit`) before the workers start, fed every
 * second with what all workers and the main thread measured in that second, stopped once at the end.
 */
import { ConfigError } from '../errors.ts';
import type { MetricDef, Tags } from '../metrics/metric.ts';
import { MetricStore, type StoreSnapshot } from '../metrics/store.ts';
import type { OutputSpec } from '../options/types.ts';
import { junitOutput } from './junit/junit-output.ts';
import type { Output, OutputContext, TestEnd } from './output.ts';
import { OUTPUTS } from './registry.ts';
import { webDashboard } from './web-dashboard/index.ts';

const INTERVAL_MS = 1000;

/** `--junit FILE` and k6's `K6_WEB_DASHBOARD=true` / `--web-dashboard` add outputs beside `--out`. */
export interface ExtraOutputs {
  readonly junit: string | null;
  readonly webDashboard: boolean;
}

export function createOutputs(specs: readonly OutputSpec[], ctx: OutputContext, extra: ExtraOutputs): OutputManager {
  const outputs = specs.map((spec) => {
    const factory = OUTPUTS[spec.type];
    if (factory === undefined) {
      throw new ConfigError(`unknown output "${spec.type}"; available outputs: ${Object.keys(OUTPUTS).sort().join(', ')}`);
    }
    return factory(spec.arg, ctx);
  });
  if (extra.junit !== null) outputs.push(junitOutput(extra.junit));
  if (!specs.some((s) => s.type === 'web-dashboard')) {
    const dashboard = webDashboard(ctx, extra.webDashboard);
    if (dashboard) outputs.push(dashboard);
  }
  return new OutputManager(outputs, ctx);
}

export class OutputManager {
  /** what arrived since the last interval; empty stores drain to nothing */
  private readonly interval = new MetricStore();
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private stopped = false;
  readonly keepSamples: boolean;

  constructor(
    private readonly outputs: readonly Output[],
    private readonly ctx: OutputContext,
  ) {
    this.keepSamples = outputs.some((o) => o.perSample);
    if (this.keepSamples) this.interval.keepIndividualSamples();
  }

  get descriptions(): string[] {
    return this.outputs.map((o) => o.description);
  }

  /** A worker's report (its metric deltas). */
  collect(snapshot: StoreSnapshot): void {
    if (this.outputs.length > 0) this.interval.merge(snapshot);
  }

  /** A sample the main thread makes itself (vus, vus_max). */
  add(def: MetricDef, tags: Tags, value: number): void {
    if (this.outputs.length > 0) this.interval.add(def, tags, value);
  }

  async start(startEpochMs: number): Promise<void> {
    await Promise.all(this.outputs.map((o) => o.start(startEpochMs)));
    this.started = true;
    if (this.outputs.length > 0) this.timer = setInterval(() => this.flush(), INTERVAL_MS);
  }

  private flush(): void {
    const delta = this.interval.drain();
    if (delta.series.length === 0) return;
    const interval = { timeMs: Date.now(), delta };
    for (const o of this.outputs) {
      try {
        o.addMetrics(interval);
      } catch (err) {
        this.ctx.log.error(`output ${o.description}: ${(err as Error).message}`);
      }
    }
  }

  /** Flushes the last interval and stops every output; an output that fails is logged, the others still stop. */
  async stop(end: TestEnd | undefined): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    if (this.started) this.flush();
    const results = await Promise.allSettled(this.outputs.map((o) => o.stop(end)));
    results.forEach((r, i) => {
      if (r.status === 'rejected') this.ctx.log.error(`output ${this.outputs[i]!.description}: ${(r.reason as Error).message ?? r.reason}`);
    });
  }
}
