/** The oracle's findings as the metric values thresholds gate and the text a person reads. */
import type { SourceDiff } from './diff.ts';
import type { LedgerProblem } from './ledger.ts';

export interface OracleFindings {
  /** ledger records of this run read back, and the generators that wrote them */
  records: number;
  generators: number;
  /** malformed records (the pipeline's DLQ): counted, never lost */
  malformed: number;
  ledgerLost: number;
  ledgerDuplicated: number;
  outOfOrder: number;
  lateDropped: number;
  windowsExpected: number;
  windowsUncertain: number;
  ledgerProblems: readonly LedgerProblem[];
  sources: readonly SourceDiff[];
  /** the pipeline had not emitted every expected window by the deadline */
  drained: boolean;
}

export interface OracleMetrics {
  records_lost: number;
  records_duplicated: number;
  records_out_of_order: number;
  aggregate_mismatches: number;
  /** window results emitted again to the aggregates topic (one per emission beyond the first) */
  aggregate_duplicates: number;
  late_dropped: number;
  records_malformed: number;
  windows_uncertain: number;
}

export function oracleMetrics(f: OracleFindings): OracleMetrics {
  let lost = f.ledgerLost;
  let duplicated = f.ledgerDuplicated;
  let mismatches = 0;
  let emittedAgain = 0;
  for (const s of f.sources) {
    lost += s.recordsLost;
    duplicated += s.recordsDuplicated;
    mismatches += s.mismatches;
    emittedAgain += s.duplicateEmissions;
  }
  return {
    records_lost: lost,
    records_duplicated: duplicated,
    records_out_of_order: f.outOfOrder,
    aggregate_mismatches: mismatches,
    aggregate_duplicates: emittedAgain,
    late_dropped: f.lateDropped,
    records_malformed: f.malformed,
    windows_uncertain: f.windowsUncertain,
  };
}

/** ` (1 missing from the input topic, 4 missing from windows)`: where a nonzero total comes from (empty when 0) */
function split(total: number, input: number, inInput: string, inWindows: string): string {
  return total === 0 ? '' : ` (${input} ${inInput}, ${total - input} ${inWindows})`;
}

/** A few lines: the verdict, what was checked, then the first differences of each kind and output. */
export function verdictText(f: OracleFindings): string {
  const m = oracleMetrics(f);
  const ok =
    m.records_lost === 0 &&
    m.records_duplicated === 0 &&
    m.records_out_of_order === 0 &&
    m.aggregate_mismatches === 0 &&
    m.aggregate_duplicates === 0;
  const lines = [
    `oracle: ${ok ? 'CORRECT' : 'WRONG'} — ${f.records} records from ${f.generators} generators (${f.malformed} malformed, ${f.lateDropped} later than the grace), ` +
      `${f.windowsExpected} windows expected (${f.windowsUncertain} uncertain, not compared); ` +
      `lost ${m.records_lost}${split(m.records_lost, f.ledgerLost, 'missing from the input topic', 'missing from windows')}, ` +
      `duplicated ${m.records_duplicated}${split(m.records_duplicated, f.ledgerDuplicated, 'twice in the input topic', 'over-counted in windows')}, ` +
      `out of order ${m.records_out_of_order}, mismatched windows ${m.aggregate_mismatches}, ` +
      `window results emitted again ${m.aggregate_duplicates}`,
  ];
  for (const s of f.sources) {
    if (!f.drained && s.missing > 0) {
      lines.push(
        `  the pipeline did not drain by the deadline: ${s.missing} windows still missing from the ${s.source}, e.g. ${s.missingWindows.slice(0, 5).join(', ')}`,
      );
    }
  }
  for (const p of f.ledgerProblems) lines.push(`  input: ${p.text}`);
  for (const s of f.sources) for (const d of s.differences) lines.push(`  ${d}`);
  return lines.join('\n');
}
