/**
 * The gate's verdict and its GitHub job summary (Markdown), from what the run left behind: its
 * exit code, the --summary-export JSON, its log, and the baseline comparison. Pure.
 */
import { runsOf, type RunMetrics } from '../../runtime/compare/summary-file.ts';
import { formatValue } from '../../runtime/compare/table.ts';
import { ExitCode } from '../../runtime/errors.ts';
import { percentileKey } from '../../runtime/metrics/aggregations.ts';
import { parseThresholdExpression } from '../../runtime/thresholds/expression.ts';

export type Verdict = 'passed' | 'slo-broken' | 'regression' | 'inconclusive' | 'environment' | 'error';

export interface GateInput {
  /** exit code of `streamprobe run` (111 also when the local Kafka did not start) */
  readonly runCode: number;
  /** exit code of `streamprobe compare`; undefined when there was no baseline */
  readonly compareCode?: number;
  /** the parsed --summary-export JSON, when the run wrote one */
  readonly summary?: unknown;
  /** what the run wrote to stderr */
  readonly log: string;
  /** the comparison's Markdown table */
  readonly compareMarkdown?: string;
  readonly script: string;
  readonly slo?: string;
  readonly baseline?: string;
  /** where the artifacts are: a URL on GitHub, file paths locally */
  readonly artifacts: { readonly url?: string; readonly files: readonly string[] };
  /** an inconclusive run fails the gate (default) or only warns */
  readonly failOnInconclusive: boolean;
}

export interface GateResult {
  readonly verdict: Verdict;
  /** the gate's exit code: the run's, or 99 for a regression against the baseline, or 0 for a tolerated inconclusive run */
  readonly exitCode: number;
  readonly title: string;
  /** one sentence: what happened and what it means */
  readonly message: string;
}

export interface ThresholdRow {
  readonly metric: string;
  readonly threshold: string;
  readonly observed?: number;
  readonly time?: boolean;
  readonly ok: boolean;
}

/** Thresholds and their observed values, from a --summary-export (`true` there means failed). */
export function thresholdRows(summary: unknown): ThresholdRow[] {
  const raw = (summary as { metrics?: Record<string, { thresholds?: Record<string, boolean> }> } | undefined)?.metrics;
  if (!raw) return [];
  const [run] = runsOf(summary);
  const rows: ThresholdRow[] = [];
  for (const [metric, m] of Object.entries(raw)) {
    for (const [source, failed] of Object.entries(m.thresholds ?? {})) {
      rows.push({ metric, threshold: source, observed: observedValue(run!, metric, source), time: run![metric]?.time, ok: !failed });
    }
  }
  return rows;
}

function observedValue(run: RunMetrics, metric: string, source: string): number | undefined {
  let aggregation: string;
  try {
    aggregation = parseThresholdExpression(source).aggregation;
  } catch {
    return undefined;
  }
  const p = /^p\((.+)\)$/.exec(aggregation);
  return run[metric]?.values[p ? percentileKey(Number(p[1])) : aggregation];
}

/** Lines the run logged at `level` (errors: the cause of a 111, 112, 107, …), without the level prefix. */
export function logLines(log: string, level: 'ERROR' | 'WARN'): string[] {
  return log
    .split('\n')
    .filter((l) => l.startsWith(level))
    .map((l) => l.slice(level.length).trim());
}

export function gateResult(input: GateInput): GateResult {
  const cause = logLines(input.log, 'ERROR').at(-1);
  const failed = thresholdRows(input.summary)
    .filter((r) => !r.ok)
    .map((r) => `${r.metric} ${r.threshold}`);
  switch (input.runCode) {
    case ExitCode.OK:
      if (input.compareCode === ExitCode.ThresholdsHaveFailed) {
        // the comparison's verdict line names the statistics: "❌ 2 regressions: x p(95) +50% (allowed +10%), …"
        const which = input.compareMarkdown?.match(/^❌ (.*?)\. baseline:/m)?.[1];
        return {
          verdict: 'regression',
          exitCode: ExitCode.ThresholdsHaveFailed,
          title: 'Regression against the baseline',
          message: `the SLOs held, but ${which ?? 'statistics regressed beyond their tolerance'} against the baseline`,
        };
      }
      if (input.compareCode !== undefined && input.compareCode !== ExitCode.OK) {
        return {
          verdict: 'error',
          exitCode: input.compareCode,
          title: 'Comparison failed',
          message: `streamprobe compare exited ${input.compareCode}; see its output in the log`,
        };
      }
      return {
        verdict: 'passed',
        exitCode: ExitCode.OK,
        title: 'Passed',
        message: input.compareCode === undefined ? 'every SLO held' : 'every SLO held and nothing regressed against the baseline',
      };
    case ExitCode.ThresholdsHaveFailed:
      return {
        verdict: 'slo-broken',
        exitCode: ExitCode.ThresholdsHaveFailed,
        title: 'SLO broken',
        message: `SLO broken: ${failed.length ? failed.join(', ') : (cause ?? 'a threshold failed')}`,
      };
    case ExitCode.SUTUnreachable:
      return {
        verdict: 'environment',
        exitCode: ExitCode.SUTUnreachable,
        title: 'Environment failure — not a regression',
        message: `the system under test could not be reached (did Kafka start?): ${cause ?? 'exit 111'}`,
      };
    case ExitCode.Inconclusive:
      return {
        verdict: 'inconclusive',
        exitCode: input.failOnInconclusive ? ExitCode.Inconclusive : ExitCode.OK,
        title: 'Inconclusive — the load generator was saturated, not a regression',
        message: cause ?? 'the load generator was saturated',
      };
    default:
      return {
        verdict: 'error',
        exitCode: input.runCode,
        title: `Test error (exit ${input.runCode})`,
        message: cause ?? `streamprobe run exited ${input.runCode}`,
      };
  }
}

const ICON: Record<Verdict, string> = {
  passed: '✅',
  'slo-broken': '❌',
  regression: '❌',
  inconclusive: '⚠️',
  environment: '⚠️',
  error: '❌',
};

/** The key numbers of an ingestion test, those the run has. */
const KEY_NUMBERS: readonly { label: string; metric: string; stat: string }[] = [
  { label: 'events/s produced', metric: 'kafka_writer_message_count', stat: 'rate' },
  { label: 'iterations/s', metric: 'iterations', stat: 'rate' },
  { label: 'produce latency p(50)', metric: 'kafka_writer_write_seconds', stat: 'med' },
  { label: 'produce latency p(95)', metric: 'kafka_writer_write_seconds', stat: 'p(95)' },
  { label: 'produce latency p(99)', metric: 'kafka_writer_write_seconds', stat: 'p(99)' },
  { label: 'produce errors', metric: 'kafka_writer_error_count', stat: 'count' },
  { label: 'dropped iterations', metric: 'dropped_iterations', stat: 'count' },
  { label: 'iteration start lag p(95)', metric: 'iteration_start_lag', stat: 'p(95)' },
  { label: 'event-loop delay p(95)', metric: 'event_loop_delay', stat: 'p(95)' },
];

function keyNumbers(run: RunMetrics | undefined): string[] {
  if (!run) return [];
  return KEY_NUMBERS.flatMap(({ label, metric, stat }) => {
    const m = run[metric];
    const counted = metric === 'dropped_iterations' || metric === 'kafka_writer_error_count';
    const value = m?.values[stat] ?? (counted ? 0 : undefined);
    return value === undefined ? [] : [`| ${label} | ${formatValue(value, m?.time)} |`];
  });
}

export function jobSummary(input: GateInput, result: GateResult = gateResult(input)): string {
  const run = input.summary === undefined ? undefined : runsOf(input.summary)[0];
  const out: string[] = [
    `## ${ICON[result.verdict]} streamprobe performance gate: ${result.title}`,
    '',
    `\`${input.script}\`${input.slo ? ` with SLO \`${input.slo}\`` : ''} — run exit ${input.runCode}, gate exit ${result.exitCode}. ${capitalise(result.message)}.`,
    '',
  ];
  // a passing run keeps its pass when the generator was saturated (--saturation-guard on), but the reader should know
  for (const w of logLines(input.log, 'WARN').filter((l) => l.includes('load generator was saturated'))) out.push(`> ⚠️ ${w}`, '');
  const thresholds = thresholdRows(input.summary);
  if (thresholds.length > 0) {
    out.push('### Thresholds', '', '| metric | threshold | observed | result |', '| --- | --- | ---: | --- |');
    for (const t of thresholds)
      out.push(`| ${t.metric} | \`${t.threshold}\` | ${formatValue(t.observed, t.time)} | ${t.ok ? '✅ pass' : '❌ fail'} |`);
    out.push('');
  }
  const numbers = keyNumbers(run);
  if (numbers.length > 0) out.push('### Key numbers', '', '| | |', '| --- | ---: |', ...numbers, '');
  out.push('### Comparison with the baseline', '');
  if (input.compareMarkdown) out.push(`Baseline: \`${input.baseline}\``, '', input.compareMarkdown.trimEnd(), '');
  else
    out.push(
      input.baseline
        ? `No comparison: the run wrote no summary to compare with \`${input.baseline}\`.`
        : 'No baseline given (set `BASELINE` to a stored summary JSON to compare).',
      '',
    );
  out.push('### Artifacts', '');
  if (input.artifacts.url)
    out.push(`[Download the artifacts](${input.artifacts.url}): ${input.artifacts.files.map((f) => `\`${f}\``).join(', ')}`);
  else out.push(...input.artifacts.files.map((f) => `- \`${f}\``));
  out.push('');
  return out.join('\n');
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
