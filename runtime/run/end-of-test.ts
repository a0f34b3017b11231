/** Builds k6's summary data from the merged metrics and writes what handleSummary (or the default) asks for. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MetricStore } from '../metrics/store.ts';
import { HTTP_REQ_DURATION } from '../metrics/builtin.ts';
import { createSink } from '../metrics/sinks/create-sink.ts';
import type { ConsolidatedOptions } from '../options/types.ts';
import { buildSummaryData, type SummaryData, type SummaryMetricInput } from '../summary/data.ts';
import type { GroupSnapshot } from '../summary/groups.ts';
import { summaryExport } from '../summary/export.ts';
import { resolveSummaryResult } from '../summary/handle-result.ts';
import { textSummary } from '../summary/text.ts';
import { percentilesOf } from '../summary/trend-stats.ts';
import type { MetricThresholds } from '../thresholds/parse.ts';
import type { ThresholdsEvaluation } from '../thresholds/evaluate.ts';

export function summaryData(args: {
  store: MetricStore;
  options: ConsolidatedOptions;
  thresholds: readonly MetricThresholds[];
  evaluation: ThresholdsEvaluation | undefined;
  groups: GroupSnapshot;
  durationMs: number;
  setupDataJson: string | undefined;
}): SummaryData {
  const { store, options, thresholds, evaluation } = args;
  const query = { elapsedMs: args.durationMs, percentiles: percentilesOf(options.summaryTrendStats) };
  const metrics: SummaryMetricInput[] = [];
  const withThresholds = new Map(thresholds.map((t) => [t.name, t]));
  for (const name of store.observed()) {
    if (withThresholds.has(name)) continue;
    const def = store.definition(name)!;
    metrics.push({ name, type: def.type, contains: def.contains, values: store.values(name, undefined, query)! });
  }
  // k6 adds this sub-metric on its own whenever the expected_response system tag is on
  const expected = store.definition(HTTP_REQ_DURATION.name);
  const expectedName = `${HTTP_REQ_DURATION.name}{expected_response:true}`;
  if (expected && options.systemTags.includes('expected_response') && !withThresholds.has(expectedName)) {
    const values = store.values(HTTP_REQ_DURATION.name, { expected_response: 'true' }, query);
    if (values) metrics.push({ name: expectedName, type: expected.type, contains: expected.contains, values });
  }
  for (const t of thresholds) {
    const q = { ...query, percentiles: [...query.percentiles, ...t.percentiles] };
    const values = store.values(t.metric.name, t.filter, q) ?? emptyValues(t, q);
    metrics.push({ name: t.name, type: t.metric.type, contains: t.metric.contains, values, thresholds: evaluation?.results[t.name] });
  }
  return buildSummaryData({
    metrics,
    rootGroup: args.groups,
    summaryTrendStats: options.summaryTrendStats,
    summaryTimeUnit: options.summaryTimeUnit ?? undefined,
    noColor: !process.stdout.isTTY,
    isStdOutTTY: Boolean(process.stdout.isTTY),
    isStdErrTTY: Boolean(process.stderr.isTTY),
    testRunDurationMs: args.durationMs,
    setupData: args.setupDataJson === undefined ? undefined : JSON.parse(args.setupDataJson),
  });
}

/** A threshold's metric with no samples still shows, with an empty sink's values. */
function emptyValues(t: MetricThresholds, q: { elapsedMs: number; percentiles: number[] }): Record<string, number> {
  return createSink(t.metric.type).values(q);
}

/** Writes handleSummary's result (or the default text summary) and `--summary-export`. */
export function writeSummary(data: SummaryData, returned: unknown, options: ConsolidatedOptions, colors: boolean): void {
  const outputs = resolveSummaryResult(returned, {
    defaultText: () => textSummary(data, { indent: ' ', enableColors: colors, mode: options.summaryMode === 'full' ? 'full' : 'compact' }),
    summaryExport: options.summaryExport ? { path: options.summaryExport, content: () => summaryExport(data) } : undefined,
  });
  for (const o of outputs) {
    if (o.target === 'stdout') process.stdout.write(o.content);
    else if (o.target === 'stderr') process.stderr.write(o.content);
    else {
      const file = path.resolve(o.path!);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, o.content);
    }
  }
}
