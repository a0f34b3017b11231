/**
 * k6's metric → Prometheus series mapping (docs/outputs.md): `k6_` prefix; counters
 * `_total`, rates `_rate`, gauges as they are; trends one gauge per stat (`p(99.9)` → `_p999`), time
 * trends in seconds, or one native histogram `k6_<name>_seconds|_bytes`. Labels: every non-empty tag.
 */
import { percentileKey } from '../../metrics/aggregations.ts';
import type { MetricDef, Tags } from '../../metrics/metric.ts';
import type { TrendSnapshot } from '../../metrics/sinks/trend.ts';
import { nativeHistogram, type NativeHistogram } from './native-histogram.ts';

export interface Label {
  name: string;
  value: string;
}

export interface PromSeries {
  labels: Label[];
  samples: { value: number; timestamp: number }[];
  histograms: NativeHistogram[];
}

export const PREFIX = 'k6_';

/** `p(99.9)` → `p999`, `p(0.95)` → `p095`; other stats keep their names. */
export function statSuffix(stat: string): string {
  const m = /^p\((.+)\)$/.exec(stat);
  return m ? `p${m[1]!.replace('.', '')}` : stat;
}

/** Sorted by name (`__name__` first), empty tag values dropped, tags win over static labels. */
export function labelsOf(name: string, tags: Tags, staticLabels: Readonly<Record<string, string>>): Label[] {
  const all: Record<string, string> = { ...staticLabels };
  for (const [k, v] of Object.entries(tags)) if (v !== '') all[k] = v;
  all.__name__ = name;
  return Object.keys(all)
    .sort()
    .map((k) => ({ name: k, value: all[k]! }));
}

export interface SeriesState {
  readonly def: MetricDef;
  readonly tags: Tags;
  /** k6's aggregation keys, cumulative since the start, with the configured percentiles */
  readonly values: Readonly<Record<string, number>>;
  /** the trend's cumulative snapshot, for native histograms */
  readonly trend?: TrendSnapshot;
}

export interface MappingOptions {
  readonly trendStats: readonly string[];
  readonly trendAsNativeHistogram: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

/** the sink's key for a stat: `p(99.90)` reads `p(99.9)` */
export function statKey(stat: string): string {
  const m = /^p\((.+)\)$/.exec(stat);
  return m ? percentileKey(Number(m[1])) : stat;
}

export function mapSeries(s: SeriesState, timestamp: number, o: MappingOptions): PromSeries[] {
  const one = (name: string, value: number): PromSeries => ({
    labels: labelsOf(name, s.tags, o.labels),
    samples: [{ value, timestamp }],
    histograms: [],
  });
  const base = PREFIX + s.def.name;
  switch (s.def.type) {
    case 'counter':
      return [one(`${base}_total`, s.values.count!)];
    case 'gauge':
      return [one(base, s.values.value!)];
    case 'rate':
      return [one(`${base}_rate`, s.values.rate!)];
    case 'trend': {
      const scale = s.def.contains === 'time' ? 1 / 1000 : 1;
      if (o.trendAsNativeHistogram && s.trend !== undefined) {
        const unit = s.def.contains === 'time' ? '_seconds' : s.def.contains === 'data' ? '_bytes' : '';
        return [
          {
            labels: labelsOf(base + unit, s.tags, o.labels),
            samples: [],
            histograms: [nativeHistogram(s.trend, s.trend.samples, s.trend.sum * scale, scale, timestamp)],
          },
        ];
      }
      // count is a number of samples: never scaled
      return o.trendStats.map((stat) => one(`${base}_${statSuffix(stat)}`, s.values[statKey(stat)]! * (stat === 'count' ? 1 : scale)));
    }
  }
}
