/** k6's JSON output lines (spec §9.1): one `Metric` line per metric, then one `Point` line per sample. */
import type { MetricDef, Tags } from '../../metrics/metric.ts';
import type { MetricThresholdInfo } from '../metric-thresholds.ts';
import { rfc3339 } from '../time-format.ts';

export function metricLine(def: MetricDef, info: MetricThresholdInfo | undefined): string {
  const data = {
    name: def.name,
    type: def.type,
    contains: def.contains,
    thresholds: info?.thresholds ?? [],
    submetrics: info && info.submetrics.length > 0 ? info.submetrics : null,
  };
  return JSON.stringify({ type: 'Metric', data, metric: def.name }) + '\n';
}

/** `tagsJson` is `JSON.stringify(tags)`, computed once per series. */
export function pointLine(metric: string, epochMs: number, value: number, tagsJson: string): string {
  return `{"type":"Point","data":{"time":"${rfc3339(epochMs, true)}","value":${jsonNumber(value)},"tags":${tagsJson}},"metric":${JSON.stringify(metric)}}\n`;
}

/** JSON has no NaN or infinities; Go's encoder refuses them, we write null rather than lose the line. */
function jsonNumber(v: number): string {
  return Number.isFinite(v) ? String(v) : 'null';
}

export function tagsJson(tags: Tags): string {
  return JSON.stringify(tags);
}
