import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gateResult, jobSummary, thresholdRows, type GateInput } from '../../../infra/ci/job-summary.ts';

const summary = (p99: number, failed: boolean) => ({
  root_group: { name: '', path: '', id: 'x', groups: {}, checks: {} },
  metrics: {
    kafka_writer_write_seconds: {
      avg: 5,
      min: 1,
      med: 4,
      max: 40,
      'p(90)': 9,
      'p(95)': 12,
      'p(99)': p99,
      thresholds: { 'p(99.0) < 20': failed },
    },
    kafka_writer_message_count: { count: 50000, rate: 5000 },
    checks: { passes: 10, fails: 0, value: 1, thresholds: { 'rate > 0.999': false } },
    dropped_iterations: { count: 3, rate: 0.3 },
  },
});

const input = (over: Partial<GateInput>): GateInput => ({
  runCode: 0,
  summary: summary(15, false),
  log: '',
  script: 'scripts/ingest-load.ts',
  slo: 'thresholds/ci.json',
  artifacts: { files: ['reports/summary.json', 'reports/job-summary.md'] },
  failOnInconclusive: true,
  ...over,
});

describe('perf gate: verdict and job summary', () => {
  it('reads thresholds with their observed values from --summary-export', () => {
    assert.deepEqual(thresholdRows(summary(25, true)), [
      { metric: 'kafka_writer_write_seconds', threshold: 'p(99.0) < 20', observed: 25, time: true, ok: false },
      { metric: 'checks', threshold: 'rate > 0.999', observed: 1, time: undefined, ok: true },
    ]);
  });

  it('exit 99 is an SLO broken, naming the threshold', () => {
    const r = gateResult(input({ runCode: 99, summary: summary(25, true) }));
    assert.deepEqual(r, {
      verdict: 'slo-broken',
      exitCode: 99,
      title: 'SLO broken',
      message: 'SLO broken: kafka_writer_write_seconds p(99.0) < 20',
    });
  });

  it('a passing run that regressed against the baseline fails with 99', () => {
    const compareMarkdown = '| metric |\n\n❌ 1 regression: lat p(95) +50% (allowed +10%). baseline: 1 run, so its noise is unknown.\n';
    const r = gateResult(input({ compareCode: 99, compareMarkdown }));
    assert.equal(r.verdict, 'regression');
    assert.equal(r.exitCode, 99);
    assert.equal(r.message, 'the SLOs held, but 1 regression: lat p(95) +50% (allowed +10%) against the baseline');
  });

  it('111 and 112 are an environment failure and an inconclusive run, not a regression', () => {
    const env = gateResult(input({ runCode: 111, summary: undefined, log: 'INFO x\nERROR no Kafka broker answered at 127.0.0.1:1\n' }));
    assert.equal(env.verdict, 'environment');
    assert.match(env.title, /not a regression/);
    assert.match(env.message, /no Kafka broker answered at 127\.0\.0\.1:1/);
    const sat = gateResult(input({ runCode: 112, log: 'ERROR inconclusive: the load generator was saturated: CPU\n' }));
    assert.deepEqual([sat.verdict, sat.exitCode], ['inconclusive', 112]);
    assert.match(sat.message, /saturated: CPU/);
    assert.equal(gateResult(input({ runCode: 112, failOnInconclusive: false })).exitCode, 0);
    assert.deepEqual([gateResult(input({ runCode: 107 })).verdict, gateResult(input({ runCode: 107 })).exitCode], ['error', 107]);
  });

  it('the Markdown has the verdict, the thresholds table, the key numbers, the comparison and the artifacts', () => {
    const md = jobSummary(
      input({
        runCode: 99,
        summary: summary(25, true),
        baseline: 'base.json',
        compareMarkdown: '| metric |\n',
        artifacts: { url: 'https://github.com/o/r/actions/runs/1#artifacts', files: ['reports/summary.json'] },
      }),
    );
    assert.match(md, /^## ❌ streamprobe performance gate: SLO broken\n/);
    assert.match(
      md,
      /`scripts\/ingest-load\.ts` with SLO `thresholds\/ci\.json` — run exit 99, gate exit 99\. SLO broken: kafka_writer_write_seconds p\(99\.0\) < 20\./,
    );
    assert.match(md, /\| kafka_writer_write_seconds \| `p\(99\.0\) < 20` \| 25ms \| ❌ fail \|/);
    assert.match(md, /\| checks \| `rate > 0\.999` \| 1 \| ✅ pass \|/);
    assert.match(md, /\| events\/s produced \| 5000 \|/);
    assert.match(md, /\| produce latency p\(99\) \| 25ms \|/);
    assert.match(md, /\| dropped iterations \| 3 \|/);
    assert.match(md, /### Comparison with the baseline\n\nBaseline: `base\.json`\n\n\| metric \|/);
    assert.match(md, /\[Download the artifacts\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/1#artifacts\): `reports\/summary\.json`/);
  });

  it('a pass on a saturated generator stays a pass, with the warning in the summary', () => {
    const md = jobSummary(input({ log: 'WARN  the load generator was saturated: CPU 95%; the run passed anyway\nWARN  unrelated\n' }));
    assert.match(md, /^## ✅ .*Passed\n/);
    assert.match(md, /\n> ⚠️ the load generator was saturated: CPU 95%; the run passed anyway\n/);
    assert.doesNotMatch(md, /unrelated/);
  });

  it('without a summary (Kafka did not start) it still says what happened', () => {
    const md = jobSummary(input({ runCode: 111, summary: undefined, log: 'ERROR the local Kafka did not start\n' }));
    assert.match(md, /^## ⚠️ streamprobe performance gate: Environment failure — not a regression/);
    assert.doesNotMatch(md, /### Thresholds/);
    assert.match(md, /No baseline given/);
    assert.match(md, /- `reports\/summary\.json`/);
  });
});
