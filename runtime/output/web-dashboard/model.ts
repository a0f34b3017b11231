/**
 * The dashboard's data model, pure: the ~1 s metric intervals of a run become points of one
 * period each (k6's K6_WEB_DASHBOARD_PERIOD), the panels' series, fault windows, the oracle's
 * totals and the thresholds' live verdicts; at the end the summary and the final verdicts.
 * The live page and the HTML report draw the same `DashboardView`.
 */
import type { MetricType, ValueType } from '../../metrics/metric.ts';
import { MetricStore } from '../../metrics/store.ts';
import type { GaugeSnapshot } from '../../metrics/sinks/gauge.ts';
import type { ThresholdDefinition } from '../../options/types.ts';
import { evaluateThresholds, type ThresholdsEvaluation } from '../../thresholds/evaluate.ts';
import { parseThresholds, type MetricThresholds } from '../../thresholds/parse.ts';
import type { MetricsInterval, TestEnd } from '../output.ts';
import { FAULT_METRIC, PANELS, VERDICT_METRICS, percentileOf, type PanelUnit } from './panels.ts';

export interface SeriesData {
  readonly label: string;
  /** one per point; null where the metric had no value */
  readonly values: (number | null)[];
}

export interface PanelData {
  readonly id: string;
  readonly title: string;
  readonly unit: PanelUnit;
  readonly series: SeriesData[];
}

export interface ThresholdRow {
  /** the key as written in options: `http_req_duration{status:200}` */
  readonly metric: string;
  readonly source: string;
  /** undefined until the metric has samples */
  readonly ok?: boolean;
  readonly value?: number;
}

export interface FaultWindow {
  readonly fault: string;
  readonly fromMs: number;
  toMs: number;
}

export interface SummaryRow {
  readonly metric: string;
  readonly type: MetricType;
  readonly contains: ValueType;
  readonly values: Record<string, number>;
}

export interface DashboardView {
  readonly title: string;
  readonly startMs: number;
  readonly periodMs: number;
  /** epoch ms at the end of each point's period */
  readonly times: number[];
  readonly panels: PanelData[];
  readonly thresholds: ThresholdRow[];
  readonly faults: FaultWindow[];
  /** totals of the oracle's counters that exist */
  readonly verdicts: { metric: string; count: number }[];
  readonly end?: { durationMs: number; exitCode: number; summary: SummaryRow[] };
}

export interface ModelSetup {
  readonly title: string;
  readonly periodMs: number;
  readonly thresholds: Readonly<Record<string, readonly ThresholdDefinition[]>>;
}

/** intervals arrive about once a second, each holding up to a second of the workers' samples */
const INTERVAL_MS = 1000;

const PERCENTILES = [...new Set(PANELS.flatMap((p) => p.series.map((s) => percentileOf(s.stat)).filter((q) => q !== undefined)))];

export class DashboardModel {
  private startMs = 0;
  private periodStartMs = 0;
  private period = new MetricStore();
  private periodHasData = false;
  private readonly total = new MetricStore();
  private readonly times: number[] = [];
  /** per point: series key (`metric:stat`) → value */
  private readonly points: Map<string, number>[] = [];
  private readonly faults: FaultWindow[] = [];
  private readonly faultLast = new Map<string, number>();
  private readonly open = new Map<string, FaultWindow>();
  private lastIntervalMs = 0;
  private parsed = new Map<string, MetricThresholds>();
  private evaluation: ThresholdsEvaluation | undefined;
  private end: DashboardView['end'];

  constructor(private readonly setup: ModelSetup) {}

  start(startMs: number): void {
    this.startMs = this.periodStartMs = this.lastIntervalMs = startMs;
  }

  /** true when the interval completed a point (time to push the view to the browsers) */
  add({ timeMs, delta }: MetricsInterval): boolean {
    this.period.merge(delta);
    this.total.merge(delta);
    this.periodHasData ||= delta.series.length > 0;
    this.trackFaults(
      delta.series.filter((s) => s.metric === FAULT_METRIC),
      timeMs,
    );
    this.lastIntervalMs = timeMs;
    // a period is complete within half an interval of its length (timers drift)
    if (timeMs < this.periodStartMs + this.setup.periodMs - INTERVAL_MS / 2) return false;
    this.closePeriod(timeMs);
    return true;
  }

  /** the last partial period, the final verdicts and the summary */
  finish(end: TestEnd | undefined): void {
    if (this.periodHasData) this.closePeriod(this.lastIntervalMs);
    this.open.clear();
    if (end === undefined) return;
    this.evaluation = end.thresholds;
    this.end = {
      durationMs: end.durationMs,
      exitCode: end.exitCode,
      summary: Object.entries(end.summary.metrics).map(([metric, m]) => ({ metric, type: m.type, contains: m.contains, values: m.values })),
    };
  }

  view(): DashboardView {
    const observed = new Set(this.total.observed());
    const panels: PanelData[] = [];
    for (const panel of PANELS) {
      const series = panel.series
        .filter((s) => observed.has(s.metric))
        .map((s) => ({ label: s.label, values: this.points.map((p) => p.get(`${s.metric}:${s.stat}`) ?? null) }));
      if (series.length > 0) panels.push({ id: panel.id, title: panel.title, unit: panel.unit, series });
    }
    return {
      title: this.setup.title,
      startMs: this.startMs,
      periodMs: this.setup.periodMs,
      times: [...this.times],
      panels,
      thresholds: this.thresholdRows(),
      faults: this.faults.map((f) => ({ ...f })),
      verdicts: VERDICT_METRICS.filter((m) => observed.has(m)).map((metric) => ({ metric, count: this.total.values(metric)?.count ?? 0 })),
      end: this.end,
    };
  }

  private closePeriod(timeMs: number): void {
    // the short last period still holds the workers' final reports of up to a second each
    const spanMs = Math.max(timeMs - this.periodStartMs, INTERVAL_MS);
    const point = new Map<string, number>();
    const observed = new Set(this.total.observed());
    for (const panel of PANELS) {
      for (const s of panel.series) {
        if (!observed.has(s.metric)) continue;
        const store = s.scope === 'total' ? this.total : this.period;
        const query = { elapsedMs: s.scope === 'total' ? timeMs - this.startMs : spanMs, percentiles: PERCENTILES };
        let value = store.values(s.metric, undefined, query)?.[s.stat];
        // a counter that has counted before and not in this period: zero, not a gap
        if (value === undefined && this.total.definition(s.metric)?.type === 'counter') value = 0;
        if (value !== undefined) point.set(`${s.metric}:${s.stat}`, value);
      }
    }
    this.times.push(timeMs);
    this.points.push(point);
    this.evaluation = evaluateThresholds(this.parsedThresholds(), this.total, { elapsedMs: timeMs - this.startMs, final: false });
    this.period = new MetricStore();
    this.periodHasData = false;
    this.periodStartMs = timeMs;
  }

  /** a fault is active from the start of an interval whose gauge went above 0 until one where it is 0 again */
  private trackFaults(series: { tags: Record<string, string>; data: unknown }[], timeMs: number): void {
    for (const { tags, data } of series) {
      const gauge = data as GaugeSnapshot;
      const fault = tags.fault ?? FAULT_METRIC;
      this.faultLast.set(fault, gauge.last);
      if (gauge.max > 0 && !this.open.has(fault)) {
        const window = { fault, fromMs: this.lastIntervalMs, toMs: timeMs };
        this.faults.push(window);
        this.open.set(fault, window);
      }
    }
    for (const [fault, window] of this.open) {
      window.toMs = timeMs;
      if ((this.faultLast.get(fault) ?? 0) <= 0) this.open.delete(fault);
    }
  }

  /** thresholds on metrics that have no samples yet stay unparsed (and pending) */
  private parsedThresholds(): MetricThresholds[] {
    for (const [key, definitions] of Object.entries(this.setup.thresholds)) {
      if (this.parsed.has(key)) continue;
      const metric = key.split('{')[0]!;
      if (this.total.definition(metric) === undefined) continue;
      this.parsed.set(key, parseThresholds({ [key]: definitions }, { get: (name) => this.total.definition(name) })[0]!);
    }
    return [...this.parsed.values()];
  }

  private thresholdRows(): ThresholdRow[] {
    return Object.entries(this.setup.thresholds).flatMap(([metric, definitions]) =>
      definitions.map((d) => {
        const source = typeof d === 'string' ? d : d.threshold;
        const outcome = this.evaluation?.results[metric]?.[source];
        return { metric, source, ...outcome };
      }),
    );
  }
}
