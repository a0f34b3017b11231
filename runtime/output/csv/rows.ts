/**
 * k6's CSV rows (docs/outputs.md): `metric_name,timestamp,metric_value,<indexable system tags, sorted>,
 * extra_tags,metadata`; values as Go's `%f`, other tags as `k=v&k2=v2`.
 */
import type { Tags } from '../../metrics/metric.ts';
import { rfc3339 } from '../time-format.ts';
import type { TimeFormat } from './config.ts';

/** system tags k6 attaches as metadata, never as columns */
const NON_INDEXABLE = new Set(['vu', 'iter']);

export function tagColumns(systemTags: readonly string[]): string[] {
  return systemTags.filter((t) => !NON_INDEXABLE.has(t)).sort();
}

export function headerRow(columns: readonly string[]): string {
  return ['metric_name', 'timestamp', 'metric_value', ...columns, 'extra_tags', 'metadata'].join(',') + '\n';
}

export function formatTime(epochMs: number, format: TimeFormat): string {
  switch (format) {
    case 'unix':
      return String(Math.floor(epochMs / 1000));
    case 'unix_milli':
      return String(Math.floor(epochMs));
    case 'unix_micro':
      return String(BigInt(Math.floor(epochMs)) * 1000n);
    case 'unix_nano':
      return String(BigInt(Math.floor(epochMs)) * 1_000_000n);
    case 'rfc3339':
      return rfc3339(epochMs, false);
    case 'rfc3339_nano':
      return rfc3339(epochMs, true);
  }
}

/** The columns after the value, the same for every sample of a series: computed once per series. */
export function tagCells(tags: Tags, columns: readonly string[]): string {
  const system = new Set(columns);
  const cells = columns.map((c) => quote(tags[c] ?? ''));
  const extra = Object.keys(tags)
    .filter((k) => !system.has(k))
    .sort()
    .map((k) => `${k}=${tags[k]}`)
    .join('&');
  cells.push(quote(extra), '');
  return cells.join(',');
}

export function row(metric: string, time: string, value: number, cells: string): string {
  return `${metric},${time},${value.toFixed(6)},${cells}\n`;
}

/** Go's encoding/csv: quote fields with a comma, quote, line break or leading space. */
function quote(field: string): string {
  if (field === '' || !/[",\r\n]|^ /.test(field)) return field;
  return `"${field.replace(/"/g, '""')}"`;
}
