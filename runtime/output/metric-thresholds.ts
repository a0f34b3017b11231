/** A metric's thresholds and sub-metrics as written in `options.thresholds` (the json output's Metric lines). */
import type { ThresholdDefinition } from '../options/types.ts';
import { parseMetricSelector } from '../thresholds/selector.ts';

export interface SubmetricInfo {
  readonly name: string;
  /** the text between the braces, e.g. `status:200` */
  readonly suffix: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface MetricThresholdInfo {
  readonly thresholds: string[];
  readonly submetrics: SubmetricInfo[];
}

export function thresholdsByMetric(config: Readonly<Record<string, readonly ThresholdDefinition[]>>): Map<string, MetricThresholdInfo> {
  const byMetric = new Map<string, MetricThresholdInfo>();
  for (const [key, definitions] of Object.entries(config)) {
    const selector = parseMetricSelector(key);
    let info = byMetric.get(selector.metric);
    if (info === undefined) byMetric.set(selector.metric, (info = { thresholds: [], submetrics: [] }));
    if (selector.filter === undefined) {
      for (const d of definitions) info.thresholds.push(typeof d === 'string' ? d : d.threshold);
    } else {
      const name = key.trim();
      info.submetrics.push({ name, suffix: name.slice(name.indexOf('{') + 1, -1), tags: selector.filter });
    }
  }
  return byMetric;
}
