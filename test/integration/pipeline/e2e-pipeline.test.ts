// scripts/e2e-pipeline.ts against the real reference pipeline on the real broker: a correct pipeline passes
// with zero loss, duplicates and mismatches; each fault switch fails its threshold and names the difference.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPipeline } from '../sut/harness.ts';
import { count, runE2e, startPipelineFor } from './harness.ts';

function pipelineTest(name: string, fault: string | undefined, check: (r: Awaited<ReturnType<typeof runE2e>>) => void): void {
  describe(name, { timeout: 420_000 }, () => {
    let p: TestPipeline;
    before(async () => {
      p = await startPipelineFor(name, fault === undefined ? {} : { fault });
    });
    after(async () => {
      await p?.stop();
    });
    it(fault === undefined ? 'passes: the oracle finds the results exact' : `fails its threshold with ${fault}`, async () => {
      check(await runE2e(p));
    });
  });
}

pipelineTest('no-fault', undefined, ({ code, stdout, stderr, summary }) => {
  assert.equal(code, 0, stdout + stderr);
  assert.match(stdout + stderr, /oracle: CORRECT/);
  for (const m of ['records_lost', 'records_duplicated', 'records_out_of_order', 'aggregate_mismatches'])
    assert.equal(count(summary, m), 0, m);
  assert.ok(count(summary, 'records_malformed') > 0, 'malformed records were sent and counted, not lost');
  assert.ok(count(summary, 'late_dropped') > 0, 'late records were expected to be dropped');
  for (const trend of ['window_result_latency', 'event_time_latency', 'e2e_latency']) {
    const t = summary.metrics[trend];
    assert.ok(t !== undefined && t.max! > 0 && t.max! < 30_000, `${trend} measured: ${JSON.stringify(t)}`);
  }
  console.log(
    stdout
      .split('\n')
      .filter((l) => /oracle|latency/.test(l))
      .join('\n'),
  );
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
