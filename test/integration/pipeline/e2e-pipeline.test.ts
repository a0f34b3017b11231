// scripts/e2e-pipeline.ts against the real reference pipeline on the real broker: a correct pipeline passes
// with zero loss, duplicates and mismatches; each fault switch fails its threshold and names the difference.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RawOptions } from '../../../sut/options.ts';
import type { TestPipeline } from '../sut/harness.ts';
import { count, runE2e, startPipelineFor } from './harness.ts';

type E2eResult = Awaited<ReturnType<typeof runE2e>>;

/** `also`: more pipeline options (`sut`) and script settings (`env`), `title` for the test's name */
function pipelineTest(
  name: string,
  fault: string | undefined,
  check: (r: E2eResult, p: TestPipeline) => void,
  also: { sut?: RawOptions; env?: Record<string, string>; title?: string } = {},
): void {
  describe(name, { timeout: 420_000 }, () => {
    let p: TestPipeline;
    before(async () => {
      p = await startPipelineFor(name, { ...(fault === undefined ? {} : { fault }), ...also.sut });
    });
    after(async () => {
      await p?.stop();
    });
    const title = also.title ?? (fault === undefined ? 'passes: the oracle finds the results exact' : `fails its threshold with ${fault}`);
    it(title, async () => {
      check(await runE2e(p, also.env), p);
    });
  });
}

const ACCURACY = ['records_lost', 'records_duplicated', 'records_out_of_order', 'aggregate_mismatches', 'aggregate_duplicates'];

/** prints the lines of a run's output that `pattern` matches (the test's log shows what the oracle said) */
function show(stdout: string, pattern: RegExp): void {
  console.log(
    stdout
      .split('\n')
      .filter((l) => pattern.test(l))
      .join('\n'),
  );
}

function assertExact(summary: E2eResult['summary']): void {
  for (const m of ACCURACY) assert.equal(count(summary, m), 0, m);
}

pipelineTest('no-fault', undefined, ({ code, stdout, stderr, summary }) => {
  assert.equal(code, 0, stdout + stderr);
  assert.match(stdout + stderr, /oracle: CORRECT/);
  assertExact(summary);
  assert.ok(count(summary, 'records_malformed') > 0, 'malformed records were sent and counted, not lost');
  assert.ok(count(summary, 'late_dropped') > 0, 'late records were expected to be dropped');
  for (const trend of ['window_result_latency', 'event_time_latency', 'e2e_latency']) {
    const t = summary.metrics[trend];
    assert.ok(t !== undefined && t.max! > 0 && t.max! < 30_000, `${trend} measured: ${JSON.stringify(t)}`);
  }
  // the latency threshold gates the windows after the ramp
  const steady = summary.metrics['window_result_latency{stage:steady}'];
  assert.ok(steady !== undefined && steady.max! > 0, JSON.stringify(summary.metrics));
  show(stdout, /oracle|latency|stage:/);
});

pipelineTest('drop', 'drop=0.05', ({ code, stdout, stderr, summary }) => {
  assert.equal(code, 99, stdout + stderr);
  assert.ok(count(summary, 'records_lost') > 0);
  assert.equal(count(summary, 'records_duplicated'), 0);
  assert.match(stdout + stderr, /oracle: WRONG/);
  assert.match(stdout + stderr, /window pg\d+:\w+ \[[\d:.]+,[\d:.]+\): expected count (\d+), aggregates topic \d+/);
});

pipelineTest('duplicate', 'duplicate=0.05', ({ code, stdout, stderr, summary }) => {
  assert.equal(code, 99, stdout + stderr);
  assert.ok(count(summary, 'records_duplicated') > 0);
  assert.equal(count(summary, 'records_lost'), 0);
  assert.match(stdout + stderr, /window pg\d+:\w+ \[[\d:.]+,[\d:.]+\): expected count \d+, aggregates topic \d+/);
});

pipelineTest('miscount', 'miscount=pg3:click', ({ code, stdout, stderr, summary }) => {
  assert.equal(code, 99, stdout + stderr);
  assert.ok(count(summary, 'aggregate_mismatches') > 0);
  const out = stdout + stderr;
  const shown = [...out.matchAll(/window (pg\d+:\w+) \[[\d:.]+,[\d:.]+\): expected count (\d+), aggregates topic (\d+)/g)];
  assert.ok(shown.length > 0 && shown.every(([, key, want, got]) => key === 'pg3:click' && Number(got) === Number(want) + 1), out);
});

pipelineTest('skew', 'skew=500', ({ code, stdout, stderr, summary }) => {
  assert.equal(code, 99, stdout + stderr);
  assert.ok(count(summary, 'aggregate_mismatches') > 0);
  assert.match(stdout + stderr, /window pg\d+:\w+ \[\d\d:\d\d:\d\d\.500,\d\d:\d\d:\d\d\.500\): not expected/);
});

// every record held back 6 s: a window closes only once a record past its end + grace (5 s) has been applied, so each
// result comes at least 11 s after its newest record — whatever the machine's load; nothing is late (idle-close 10 s
// after the last record, when every held record has been applied), so the results stay exact
pipelineTest(
  'delay',
  'delay=1:6000',
  ({ code, stdout, stderr, summary }) => {
    assert.equal(code, 99, stdout + stderr);
    assert.ok(summary.metrics.window_result_latency!.med! > 11_000, JSON.stringify(summary.metrics.window_result_latency));
    assert.match(stdout + stderr, /window_result_latency[^\n]*\n[^\n]*✗ 'p\(99\) < 9000'/);
    assert.match(stdout + stderr, /oracle: CORRECT/);
    assertExact(summary);
  },
  { env: { LATENCY_P99_MS: '9000' }, title: 'delay=1:6000 fails the result-latency threshold, not accuracy' },
);

// instance 0 halts at its first window close after 500 records, once that close's results are in the aggregates
// topic and before any state change or offset of it is; instance 1 takes its tasks over (sut/README.md "Fault
// switches"). Idle-close 30 s: longer than a failover (6 s session timeout, then under exactly_once_v2 the crashed
// instance's open transaction holds back read_committed readers of the repartition topic until it times out), so no task
// closes its windows by wall clock while their records wait. The latency limit is out of the way: results come late.
const crashed = (p: TestPipeline): boolean =>
  readFileSync(join(p.state.options.dir, 'processor-0.log'), 'utf8').includes('fault crash: halting after a window close');
const crash = (guarantee: string) => ({
  sut: { processors: '2', guarantee, 'idle-close': '30s' },
  env: { LATENCY_P99_MS: '300000', IDLE_CLOSE: '30s' },
});

pipelineTest(
  'crash-at-least-once',
  'crash=500',
  ({ code, stdout, stderr, summary }, p) => {
    assert.ok(crashed(p), 'instance 0 crashed');
    assert.equal(code, 99, stdout + stderr);
    assert.ok(count(summary, 'aggregate_duplicates') > 0, stdout + stderr);
    show(stdout + stderr, /oracle: |emitted \d+ times/);
    assert.match(stdout + stderr, /window pg\d+:\w+ \[[\d:.]+,[\d:.]+\): emitted [2-9] times to the aggregates topic \(once expected\)/);
  },
  { ...crash('at_least_once'), title: 'at_least_once: the windows of the crashed close are emitted twice, aggregate_duplicates fails' },
);

pipelineTest(
  'crash-exactly-once',
  'crash=500',
  ({ code, stdout, stderr, summary }, p) => {
    assert.ok(crashed(p), 'instance 0 crashed');
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout + stderr, /oracle: CORRECT/);
    assertExact(summary);
  },
  { ...crash('exactly_once_v2'), title: 'exactly_once_v2: the same crash leaves every window emitted once, exact' },
);
