/** The comparison as a table: aligned text for the terminal, GitHub Markdown for job summaries. */
import { relativeChange, type Comparison, type ComparisonRow, type RowStatus } from './compare.ts';

const HEADER = ['metric', 'stat', 'baseline', 'current', 'change', 'allowed', 'noise', 'result'];
const TEXT_MARK: Record<RowStatus, string> = { ok: '✓ ok', regression: '✗ regression', noise: '~ noise', missing: '? missing' };
const MD_MARK: Record<RowStatus, string> = { ok: '✅ ok', regression: '❌ regression', noise: '⚠️ within noise', missing: '❔ missing' };

export function formatValue(v: number | undefined, time?: boolean): string {
  if (v === undefined) return '—';
  if (time) {
    if (v !== 0 && Math.abs(v) < 1) return `${sig(v * 1000)}µs`;
    return Math.abs(v) < 1000 ? `${sig(v)}ms` : `${sig(v / 1000)}s`;
  }
  return Math.abs(v) >= 1000 ? String(Math.round(v)) : sig(v);
}

const sig = (v: number) => String(Number(v.toPrecision(4)));

export function formatChange(change: number | undefined): string {
  if (change === undefined) return '—';
  if (!Number.isFinite(change)) return change > 0 ? '+∞' : '-∞';
  const pct = change * 100;
  return `${pct > 0 ? '+' : ''}${Math.abs(pct) < 10 ? pct.toFixed(1) : pct.toFixed(0)}%`;
}

/** The baseline runs' spread, relative to the baseline where it can be. */
function formatSpread(r: ComparisonRow): string {
  if (r.spread === undefined) return '—';
  if (r.baseline) return `±${formatChange(r.spread / Math.abs(r.baseline)).replace('+', '')}`;
  return `±${formatValue(r.spread, r.time)}`;
}

function cells(r: ComparisonRow, marks: Record<RowStatus, string>): string[] {
  return [
    r.metric,
    r.stat,
    formatValue(r.baseline, r.time),
    formatValue(r.current, r.time),
    formatChange(relativeChange(r)),
    r.tolerance.text,
    formatSpread(r),
    marks[r.status],
  ];
}

const SHOWN = 5;

/** One line: the verdict and the statistics that decided it. */
export function verdictLine(c: Comparison): string {
  if (c.regressions.length === 0) {
    const noisy = c.rows.filter((r) => r.status === 'noise').length;
    return `no regression: ${c.rows.length} statistics compared${noisy ? `, ${noisy} beyond tolerance but within the baseline runs' noise` : ''}`;
  }
  const list = c.regressions
    .slice(0, SHOWN)
    .map((r) => `${r.metric} ${r.stat} ${formatChange(relativeChange(r))} (allowed ${r.tolerance.text})`);
  const more = c.regressions.length > SHOWN ? `, and ${c.regressions.length - SHOWN} more` : '';
  return `${c.regressions.length} regression${c.regressions.length === 1 ? '' : 's'}: ${list.join(', ')}${more}`;
}

function noiseNote(c: Comparison): string {
  return c.baselineRuns > 1
    ? `baseline: mean of ${c.baselineRuns} runs; "noise" is the largest distance of one of them from that mean`
    : 'baseline: 1 run, so its noise is unknown (give two baseline runs to measure it)';
}

export function textTable(c: Comparison): string {
  const rows = [HEADER, ...c.rows.map((r) => cells(r, TEXT_MARK))];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((row) => [...row[i]!].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i >= 2 && i <= 6 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), ...rows.slice(1).map(line), '', noiseNote(c), `${c.regressions.length ? '✗' : '✓'} ${verdictLine(c)}`, ''].join(
    '\n',
  );
}

export function markdownTable(c: Comparison): string {
  const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|');
  const line = (row: string[]) => `| ${row.map(escapeCell).join(' | ')} |`;
  return [
    line(HEADER),
    `|${HEADER.map((_, i) => (i >= 2 && i <= 6 ? ' ---: ' : ' --- ')).join('|')}|`,
    ...c.rows.map((r) => line(cells(r, MD_MARK))),
    '',
    `${c.regressions.length ? '❌' : '✅'} ${verdictLine(c)}. ${noiseNote(c)}.`,
    '',
  ].join('\n');
}
