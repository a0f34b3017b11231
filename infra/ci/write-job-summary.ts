// node --import tsx infra/ci/write-job-summary.ts --reports DIR --run-code N [--compare-code N] [--script S] [--slo S] [--baseline F] [--fail-on-inconclusive true|false]
// The last step of infra/ci/perf-gate.sh: writes DIR/job-summary.md (and appends it to
// $GITHUB_STEP_SUMMARY), sets the step outputs `verdict` and `exit-code`, annotates the check,
// and exits with the gate's code.
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gateResult, jobSummary, type GateInput } from './job-summary.ts';

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: 'reports' },
    'run-code': { type: 'string' },
    'compare-code': { type: 'string' },
    script: { type: 'string', default: '' },
    slo: { type: 'string' },
    baseline: { type: 'string' },
    'fail-on-inconclusive': { type: 'string', default: 'true' },
  },
});

const dir = values.reports;
const read = (name: string) => (existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name), 'utf8') : undefined);
const summaryText = read('summary.json');
const env = process.env;
const runUrl =
  env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
    ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}#artifacts`
    : undefined;

const input: GateInput = {
  runCode: Number(values['run-code']),
  compareCode: values['compare-code'] ? Number(values['compare-code']) : undefined,
  summary: summaryText === undefined ? undefined : JSON.parse(summaryText),
  log: read('run.log') ?? '',
  compareMarkdown: read('compare.md'),
  script: values.script,
  slo: values.slo,
  baseline: values.baseline,
  artifacts: { url: runUrl, files: [...new Set([...readdirSync(dir), 'job-summary.md'])].sort().map((f) => path.join(dir, f)) },
  failOnInconclusive: values['fail-on-inconclusive'] !== 'false',
};
const result = gateResult(input);
const markdown = jobSummary(input, result);
writeFileSync(path.join(dir, 'job-summary.md'), markdown);
if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown + '\n');
if (env.GITHUB_OUTPUT)
  appendFileSync(env.GITHUB_OUTPUT, `verdict=${result.verdict}\nexit-code=${result.exitCode}\nrun-exit-code=${input.runCode}\n`);
if (env.GITHUB_ACTIONS === 'true' && result.verdict !== 'passed') {
  // workflow-command data: %, CR and LF must be escaped
  const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const level = result.exitCode === 0 ? 'warning' : 'error';
  process.stdout.write(
    `::${level} title=${escapeData(result.title).replace(/,/g, '%2C').replace(/:/g, '%3A')}::${escapeData(result.message)}\n`,
  );
}
process.stdout.write(`perf-gate: ${result.title}: ${result.message} (exit ${result.exitCode})\n`);
process.exitCode = result.exitCode;
