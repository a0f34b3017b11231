/** k6's JSON output lines (docs/outputs.md): one `Metric` line per metric, then one `Point` line per sample. */
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

/** The end of a Point line after its value: the same for every sample of a series, so made once per series. */
export function pointTail(metric: string, tags: Tags): string {
  return `,"tags":${JSON.stringify(tags)}},"metric":${JSON.stringify(metric)}}\n`;
}

export function pointLine(epochMs: number, value: number, tail: string): string {
  return `{"type":"Point","data":{"time":"${rfc3339(epochMs, true)}","value":${jsonNumber(value)}${tail}`;
}

/** JSON has no NaN or infinities; Go's encoder refuses them, we write null rather than lose the line. */
function jsonNumber(v: number): string {
  return Number.isFinite(v) ? String(v) : 'null';
}
