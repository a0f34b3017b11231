/**
 * Event-loop delay of a worker thread (perf_hooks.monitorEventLoopDelay): how late its timers ran.
 * A loaded generator shows it before anything else — iterations start late, latencies include
 * the generator's own queueing — so the saturation guard and the summary use it.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Series } from '../metrics/store.ts';
import { TrendSink } from '../metrics/sinks/trend.ts';

const RESOLUTION_MS = 10;

export interface LoopDelayTotals {
  readonly p99Ms: number;
  readonly maxMs: number;
}

export class LoopDelayMonitor {
  private readonly histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  /** this worker's delays since start, for its p(99) in the Report */
  private readonly total = new TrendSink();

  start(): void {
    this.histogram.enable();
  }

  stop(): void {
    this.histogram.disable();
  }

  /** Adds the delays since the previous flush to `series` and to this worker's totals. */
  flush(series: Series): void {
    for (const [delayMs, n] of delaySamples(this.histogram.percentiles, this.histogram.count, RESOLUTION_MS)) {
      for (let i = 0; i < n; i++) {
        series.add(delayMs);
        this.total.add(delayMs);
      }
    }
    this.histogram.reset();
  }

  totals(): LoopDelayTotals {
    const v = this.total.values({ percentiles: [99] });
    return { p99Ms: v['p(99)']!, maxMs: v.max! };
  }
}

/**
 * The histogram's percentile points (percent → ns, cumulative) as [delay ms, sample count] pairs
 * adding up to `count`. Each sample is the interval between ticks, so the delay is that minus the
 * sampling resolution.
 */
export function delaySamples(percentiles: ReadonlyMap<number, number>, count: number, resolutionMs: number): [number, number][] {
  const out: [number, number][] = [];
  let taken = 0;
  for (const [percent, ns] of [...percentiles].sort((a, b) => a[0] - b[0])) {
    const n = Math.round((percent / 100) * count) - taken;
    if (n <= 0) continue;
    out.push([Math.max(0, ns / 1e6 - resolutionMs), n]);
    taken += n;
  }
  return out;
}
