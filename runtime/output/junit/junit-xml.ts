/**
 * `--junit FILE.xml`: the run as JUnit XML for CI systems — one test case per threshold and one per
 * check, in the common schema (testsuites > testsuite > testcase > failure, with name, tests,
 * failures and time).
 */
import type { SummaryData } from '../../summary/data.ts';
import type { CheckSnapshot, GroupSnapshot } from '../../summary/groups.ts';

export interface JUnitCase {
  readonly name: string;
  readonly classname: string;
  /** absent: passed */
  readonly failure?: string;
}

export function thresholdCases(summary: SummaryData): JUnitCase[] {
  const cases: JUnitCase[] = [];
  for (const [metric, m] of Object.entries(summary.metrics)) {
    for (const [source, result] of Object.entries(m.thresholds ?? {})) {
      const observed =
        result.value === undefined
          ? 'no value'
          : `${source.replace(/\s*(<=|>=|==|!=|===|<|>).*$/, '')} = ${formatValue(result.value, m.contains)}`;
      cases.push({
        name: `${metric}: ${source}`,
        classname: 'thresholds',
        ...(result.ok ? {} : { failure: `threshold ${source} on ${metric} failed: observed ${observed}` }),
      });
    }
  }
  return cases;
}

export function checkCases(root: GroupSnapshot): JUnitCase[] {
  const cases: JUnitCase[] = [];
  const visit = (g: GroupSnapshot) => {
    for (const c of g.checks) cases.push(checkCase(c));
    g.groups.forEach(visit);
  };
  visit(root);
  return cases;
}

function checkCase(c: CheckSnapshot): JUnitCase {
  const total = c.passes + c.fails;
  return {
    name: c.path.replace(/^::/, ''),
    classname: 'checks',
    ...(c.fails === 0
      ? {}
      : { failure: `check "${c.name}" failed ${c.fails} of ${total} times (${((c.passes / total) * 100).toFixed(2)}% passed)` }),
  };
}

function formatValue(v: number, contains: string): string {
  const n = Number.isInteger(v) ? String(v) : v.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return contains === 'time' ? `${n}ms` : n;
}

export function junitXml(suites: readonly { name: string; cases: readonly JUnitCase[] }[], durationMs: number, timestamp: string): string {
  const time = (durationMs / 1000).toFixed(3);
  const count = (cases: readonly JUnitCase[]) => cases.filter((c) => c.failure !== undefined).length;
  const all = suites.flatMap((s) => s.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="streamprobe" tests="${all.length}" failures="${count(all)}" errors="0" time="${time}">`,
  ];
  for (const s of suites) {
    lines.push(
      `  <testsuite name="${esc(s.name)}" tests="${s.cases.length}" failures="${count(s.cases)}" errors="0" skipped="0" time="${time}" timestamp="${timestamp}">`,
    );
    for (const c of s.cases) {
      const open = `    <testcase name="${esc(c.name)}" classname="${esc(c.classname)}" time="0"`;
      if (c.failure === undefined) lines.push(`${open}/>`);
      else
        lines.push(
          `${open}>`,
          `      <failure message="${esc(c.failure)}" type="${c.classname === 'checks' ? 'CheckFailed' : 'ThresholdFailed'}">${esc(c.failure)}</failure>`,
          '    </testcase>',
        );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
