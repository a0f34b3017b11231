/**
 * k6 v1.x's end-of-test text summary (docs/k6-compatibility.md#end-of-test-summary), rendered from the handleSummary `data` object:
 * THRESHOLDS, TOTAL RESULTS (checks, then metrics by category) and, in `full` mode, one section per
 * group with its checks. The runtime prints the banner and wraps the text ("\n" + text + "\n\n").
 */
import { CATEGORY_ORDER, categoryOf, shownInMode, splitSubMetric, type Category } from './categories.ts';
import { compareNames, type SummaryData, type SummaryMetric } from './data.ts';
import { floorPercent, formatByContains, formatDefault, formatPercent } from './format.ts';
import type { CheckSnapshot, GroupSnapshot } from './groups.ts';

export interface TextSummaryOptions {
  /** prefixed to every non-empty line */
  indent?: string;
  enableColors?: boolean;
  mode?: 'compact' | 'full';
}

const ANSI = { bold: 1, faint: 2, red: 31, green: 32, cyan: 36 } as const;
type Style = keyof typeof ANSI;

interface Context {
  paint: (style: Style, text: string) => string;
  timeUnit: string;
  trendStats: readonly string[];
  durationMs: number;
}

/** A value column: `label` (e.g. "min=") stays plain, `value` is highlighted. */
interface Cell {
  label: string;
  value: string;
}

interface Row {
  name: string;
  cells: Cell[];
  /** trend rows align their columns with each other, the others with each other */
  trend: boolean;
}

interface Layout {
  nameWidth: number;
  trendWidths: number[];
  otherWidths: number[];
}

type Block = string[];

const SECTION_INDENT = '  ';
const BLOCK_INDENT = '    ';
/** dots after the longest name */
const MIN_DOTS = 3;

export function textSummary(data: SummaryData, options: TextSummaryOptions = {}): string {
  const colors = options.enableColors ?? false;
  const ctx: Context = {
    paint: (style, text) => (colors ? `\x1b[${ANSI[style]}m${text}\x1b[0m` : text),
    timeUnit: data.options?.summaryTimeUnit ?? '',
    trendStats: data.options?.summaryTrendStats ?? [],
    durationMs: data.state?.testRunDurationMs ?? 0,
  };
  const mode = options.mode ?? 'compact';
  const sections: Block[] = [];
  const thresholds = thresholdBlocks(data, ctx);
  if (thresholds.length > 0) sections.push(section('THRESHOLDS', thresholds, ctx));
  sections.push(section('TOTAL RESULTS', totalResultBlocks(data, mode, ctx), ctx));
  if (mode === 'full') {
    for (const group of data.root_group?.groups ?? []) {
      sections.push(section(`GROUP: ${group.name}`, groupBlocks(group, BLOCK_INDENT, ctx), ctx));
    }
  }
  const indent = options.indent ?? '';
  return sections.map((lines) => lines.map((line) => (line === '' ? line : indent + line)).join('\n')).join('\n\n\n');
}

function section(title: string, blocks: Block[], ctx: Context): Block {
  const heading = `${SECTION_INDENT}${ctx.paint('bold', `█ ${title}`)}`;
  return blocks.length > 0 ? [heading, '', ...joinBlocks(blocks)] : [heading];
}

function joinBlocks(blocks: Block[]): Block {
  return blocks.flatMap((block, i) => (i === 0 ? block : ['', ...block]));
}

function thresholdBlocks(data: SummaryData, ctx: Context): Block[] {
  const blocks: Block[] = [];
  for (const name of Object.keys(data.metrics).sort(compareNames)) {
    const metric = data.metrics[name]!;
    if (!metric.thresholds || Object.keys(metric.thresholds).length === 0) continue;
    const lines = [`${BLOCK_INDENT}${name}`];
    for (const [source, result] of Object.entries(metric.thresholds)) {
      const mark = result.ok ? '✓' : '✗';
      const observed = thresholdObserved(metric, source, result.value, ctx);
      const line = `${mark} '${source}'${observed === null ? '' : ` ${observed}`}`;
      lines.push(BLOCK_INDENT + ctx.paint(result.ok ? 'green' : 'red', line));
    }
    blocks.push(lines);
  }
  return blocks;
}

/** `p(95)=148.21ms` for source `p(95)<1500`; null when the value is unknown. */
function thresholdObserved(metric: SummaryMetric, source: string, given: number | undefined, ctx: Context): string | null {
  const match = /^\s*([a-z]+)\s*(?:\(\s*([\d.]+)\s*\))?/i.exec(source);
  if (!match) return null;
  const aggregation = match[2] === undefined ? match[1]! : `${match[1]}(${match[2]})`;
  const value = given ?? metric.values[aggregation];
  if (value === undefined) return null;
  let text: string;
  if (metric.type === 'rate' && aggregation === 'rate') text = formatPercent(value);
  else if (aggregation === 'count' && metric.type === 'trend') text = formatDefault(value);
  else text = formatByContains(value, metric.contains, ctx.timeUnit);
  return `${aggregation}=${text}`;
}

function totalResultBlocks(data: SummaryData, mode: 'compact' | 'full', ctx: Context): Block[] {
  const blocks: Block[] = [];
  const checksMetric = data.metrics.checks;
  if (checksMetric) {
    const passes = checksMetric.values.passes ?? 0;
    const fails = checksMetric.values.fails ?? 0;
    blocks.push(checkTotalsBlock(passes, fails, BLOCK_INDENT, ctx));
  }
  const checks = mergeChecksByName(data.root_group);
  if (checks.length > 0) blocks.push(checkLines(checks, BLOCK_INDENT, ctx));
  blocks.push(...metricBlocks(data, mode, ctx));
  return blocks;
}

/** The checks_total / checks_succeeded / checks_failed lines (display names of the `checks` Rate). */
function checkTotalsBlock(passes: number, fails: number, indent: string, ctx: Context): Block {
  const total = passes + fails;
  const perSecond = ctx.durationMs > 0 ? total / (ctx.durationMs / 1000) : 0;
  const ratio = (n: number) => (total > 0 ? n / total : 0);
  const row = (name: string, first: string, second: string): Row => ({
    name,
    trend: false,
    cells: [
      { label: '', value: first },
      { label: '', value: second },
    ],
  });
  const rows = [
    row('checks_total', formatDefault(total), `${formatDefault(perSecond)}/s`),
    row('checks_succeeded', formatPercent(ratio(passes)), `${passes} out of ${total}`),
    row('checks_failed', formatPercent(ratio(fails)), `${fails} out of ${total}`),
  ];
  const layout = layoutOf(rows);
  return rows.map((row) => renderRow(row, layout, indent, ctx));
}

function checkLines(checks: readonly CheckSnapshot[], indent: string, ctx: Context): Block {
  return checks.flatMap((check) => {
    if (check.fails === 0) return [indent + ctx.paint('green', `✓ ${check.name}`)];
    const pct = floorPercent(check.passes, check.passes + check.fails);
    return [indent + ctx.paint('red', `✗ ${check.name}`), indent + ctx.paint('red', `  ↳  ${pct}% — ✓ ${check.passes} / ✗ ${check.fails}`)];
  });
}

/** Every check of the tree, same-named checks of different groups added up, in first-use order. */
function mergeChecksByName(root: GroupSnapshot | undefined): CheckSnapshot[] {
  const merged = new Map<string, CheckSnapshot>();
  const visit = (group: GroupSnapshot) => {
    for (const check of group.checks) {
      const seen = merged.get(check.name);
      if (seen) {
        seen.passes += check.passes;
        seen.fails += check.fails;
      } else merged.set(check.name, { ...check });
    }
    group.groups.forEach(visit);
  };
  if (root) visit(root);
  return [...merged.values()];
}

/** One block per category; a sub-metric follows its parent as `  { tag:value }`. */
function metricBlocks(data: SummaryData, mode: 'compact' | 'full', ctx: Context): Block[] {
  const byCategory = new Map<Category, Row[]>();
  // `checks` has its own lines; sorting by (parent, is-sub-metric, name) keeps sub-metrics under
  // their parent even when another name sorts between them (`http_req_duration_x` < `…{`).
  const sortKey = (name: string) => {
    const { parent, tags } = splitSubMetric(name);
    return [parent, tags === null ? '0' : '1', name] as const;
  };
  const names = Object.keys(data.metrics)
    .filter((name) => {
      const { parent } = splitSubMetric(name);
      return parent !== 'checks' && shownInMode(parent, mode);
    })
    .sort((a, b) => {
      const [ka, kb] = [sortKey(a), sortKey(b)];
      return compareNames(ka[0], kb[0]) || compareNames(ka[1], kb[1]) || compareNames(ka[2], kb[2]);
    });
  for (const name of names) {
    const { parent, tags } = splitSubMetric(name);
    const shownName = tags !== null && data.metrics[parent] ? `  { ${tags} }` : name;
    const metric = data.metrics[name]!;
    const category = categoryOf(parent);
    const rows = byCategory.get(category) ?? [];
    rows.push({ name: shownName, trend: metric.type === 'trend', cells: metricCells(metric, ctx) });
    byCategory.set(category, rows);
  }
  const layout = layoutOf([...byCategory.values()].flat());
  return CATEGORY_ORDER.filter((category) => byCategory.has(category)).map((category) => [
    `${BLOCK_INDENT}${category}`,
    ...byCategory.get(category)!.map((row) => renderRow(row, layout, BLOCK_INDENT, ctx)),
  ]);
}

function metricCells(metric: SummaryMetric, ctx: Context): Cell[] {
  const v = metric.values;
  const fmt = (value: number | undefined) => formatByContains(value ?? 0, metric.contains, ctx.timeUnit);
  const cell = (label: string, value: string): Cell => ({ label, value });
  switch (metric.type) {
    case 'counter':
      return [cell('', fmt(v.count)), cell('', `${fmt(v.rate)}/s`)];
    case 'gauge':
      return [cell('', fmt(v.value)), cell('min=', fmt(v.min)), cell('max=', fmt(v.max))];
    case 'rate': {
      const passes = v.passes ?? 0;
      const total = passes + (v.fails ?? 0);
      const outOf = `${formatDefault(passes)} out of ${formatDefault(total)}`;
      return [cell('', formatPercent(v.rate ?? 0)), cell('', outOf)];
    }
    case 'trend':
      return ctx.trendStats
        .filter((stat) => v[stat] !== undefined)
        .map((stat) => cell(`${stat}=`, stat === 'count' ? formatDefault(v[stat]!) : fmt(v[stat])));
  }
}

/** Column widths shared by the given rows: names, trend columns, other columns. */
function layoutOf(rows: readonly Row[]): Layout {
  const widen = (widths: number[], cells: readonly Cell[]) => {
    for (const [i, c] of cells.entries()) widths[i] = Math.max(widths[i] ?? 0, cellText(c).length);
  };
  const layout: Layout = { nameWidth: 0, trendWidths: [], otherWidths: [] };
  for (const row of rows) {
    layout.nameWidth = Math.max(layout.nameWidth, row.name.length);
    widen(row.trend ? layout.trendWidths : layout.otherWidths, row.cells);
  }
  return layout;
}

function cellText(cell: Cell): string {
  return cell.label + cell.value;
}

/** `name.....: v1 v2`: dots to a common width, every column padded to its width (as k6 does). */
function renderRow(row: Row, layout: Layout, indent: string, ctx: Context): string {
  const dots = '.'.repeat(layout.nameWidth + MIN_DOTS - row.name.length);
  const widths = row.trend ? layout.trendWidths : layout.otherWidths;
  const columns = row.cells.map((cell, i) => {
    const pad = ' '.repeat((widths[i] ?? 0) - cellText(cell).length);
    return cell.label + ctx.paint('cyan', cell.value) + pad;
  });
  return `${indent}${row.name}${ctx.paint('faint', dots)}: ${columns.join(' ')}`;
}

/** A full-mode group: its own check totals and checks, then nested groups as `↳ GROUP:` parts. */
function groupBlocks(group: GroupSnapshot, indent: string, ctx: Context): Block[] {
  const blocks: Block[] = [];
  if (group.checks.length > 0) {
    const passes = group.checks.reduce((sum, c) => sum + c.passes, 0);
    const fails = group.checks.reduce((sum, c) => sum + c.fails, 0);
    blocks.push(checkTotalsBlock(passes, fails, indent, ctx));
    blocks.push(checkLines(group.checks, indent, ctx));
  }
  for (const child of group.groups) {
    const inner = joinBlocks(groupBlocks(child, `${indent}  `, ctx));
    const header = `${indent}${ctx.paint('bold', `↳ GROUP: ${child.name}`)}`;
    blocks.push(inner.length > 0 ? [header, '', ...inner] : [header]);
  }
  return blocks;
}
