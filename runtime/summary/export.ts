/**
 * `--summary-export <file>`: k6's legacy JSON shape (docs/k6-compatibility.md#end-of-test-summary), which differs from the handleSummary
 * data: metrics flattened to their values, a Rate's `rate` renamed `value`, thresholds as
 * `{source: failed}` (true = FAILED), groups and checks keyed by name, 4-space indentation.
 */
import type { SummaryData, SummaryMetric } from './data.ts';
import type { CheckSnapshot, GroupSnapshot } from './groups.ts';

export interface ExportedGroup {
  name: string;
  path: string;
  id: string;
  groups: Record<string, ExportedGroup>;
  checks: Record<string, CheckSnapshot>;
}

export type ExportedMetric = Record<string, number | Record<string, boolean>>;

export interface SummaryExport {
  root_group: ExportedGroup;
  metrics: Record<string, ExportedMetric>;
  setup_data?: unknown;
}

export function summaryExportObject(data: SummaryData): SummaryExport {
  const out: SummaryExport = {
    root_group: exportGroup(data.root_group),
    metrics: Object.fromEntries(Object.entries(data.metrics).map(([name, metric]) => [name, exportMetric(metric)])),
  };
  if (data.setup_data !== undefined) out.setup_data = data.setup_data;
  return out;
}

/** The file content. */
export function summaryExport(data: SummaryData): string {
  return JSON.stringify(summaryExportObject(data), null, 4);
}

function exportGroup(group: GroupSnapshot): ExportedGroup {
  return {
    name: group.name,
    path: group.path,
    id: group.id,
    groups: Object.fromEntries(group.groups.map((g) => [g.name, exportGroup(g)])),
    checks: Object.fromEntries(group.checks.map((c) => [c.name, { ...c }])),
  };
}

function exportMetric(metric: SummaryMetric): ExportedMetric {
  const out: ExportedMetric = {};
  for (const [key, value] of Object.entries(metric.values)) {
    if (!(metric.type === 'rate' && key === 'rate')) out[key] = value;
  }
  if (metric.type === 'rate' && metric.values.rate !== undefined) out.value = metric.values.rate;
  if (metric.thresholds) {
    out.thresholds = Object.fromEntries(Object.entries(metric.thresholds).map(([source, result]) => [source, !result.ok]));
  }
  return out;
}
