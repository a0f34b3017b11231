/**
 * The acceptance checks of an ingest run (issue: ≥ target events/s held through the steady stage,
 * zero dropped iterations, zero writer errors, every acknowledged record on the broker) and the
 * one-screen report. Pure: report.ts gathers the inputs.
 */
import type { IngestFigures } from './summary-figures.ts';
import type { SteadyRate } from './steady-rate.ts';

/** Broker-side steady rate may trail the target by sampling noise, not more. */
export const RATE_TOLERANCE = 0.99;

export interface IngestRun {
  targetEventsPerSecond: number;
  figures: IngestFigures;
  brokerMessages: number;
  steady?: SteadyRate;
  exitCode: number;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function ingestChecks(run: IngestRun): Check[] {
  const { figures: f, steady } = run;
  const floor = run.targetEventsPerSecond * RATE_TOLERANCE;
  return [
    {
      name: 'broker count',
      ok: run.brokerMessages === f.messages,
      detail: `topic holds ${fmt(run.brokerMessages)}, kafka_writer_message_count ${fmt(f.messages)}`,
    },
    { name: 'dropped iterations', ok: f.droppedIterations === 0, detail: fmt(f.droppedIterations) },
    { name: 'writer errors', ok: f.errors === 0, detail: fmt(f.errors) },
    {
      name: 'steady rate',
      ok: steady !== undefined && steady.eventsPerSecond >= floor,
      detail:
        steady === undefined
          ? 'not measurable (too few broker samples inside the steady stage)'
          : `${fmt(steady.eventsPerSecond)} events/s >= ${fmt(floor)} (${RATE_TOLERANCE * 100} % of ${fmt(run.targetEventsPerSecond)})`,
    },
  ];
}

export function formatReport(run: IngestRun, checks: readonly Check[]): string {
  const f = run.figures;
  const ms = (v: number | undefined): string => (v === undefined ? 'n/a' : `${fmt(v, 2)} ms`);
  const window = run.steady
    ? ` (broker-side, ${fmt(run.steady.fromMs / 1000, 1)}–${fmt(run.steady.toMs / 1000, 1)} s of the timeline)`
    : '';
  const lines = [
    `target                      ${fmt(run.targetEventsPerSecond)} events/s`,
    `steady-stage events/s       ${run.steady ? fmt(run.steady.eventsPerSecond) : 'n/a'}${window}`,
    `whole-run events/s          ${fmt(f.messagesPerSecond)} (kafka_writer_message_count rate, ramp included)`,
    `records acknowledged        ${fmt(f.messages)}`,
    `write latency p99           ${ms(f.writeP99Ms)} (kafka_writer_write_seconds)`,
    `iteration_start_lag p99     ${ms(f.startLagP99Ms)}`,
    `streamprobe exit code       ${run.exitCode}${run.exitCode === 99 ? ' (SLO thresholds failed)' : ''}`,
    '',
    ...checks.map((c) => `${c.ok ? 'PASS' : 'FAIL'}  ${c.name.padEnd(20)} ${c.detail}`),
    '',
    `RESULT: ${checks.every((c) => c.ok) ? 'PASS' : 'FAIL'}`,
  ];
  return lines.join('\n');
}
