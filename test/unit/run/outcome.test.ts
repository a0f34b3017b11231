import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExitCode } from '../../../runtime/errors.ts';
import { crossedThresholdsMessage, RunOutcome } from '../../../runtime/run/outcome.ts';
import type { ThresholdsEvaluation } from '../../../runtime/thresholds/evaluate.ts';

const evaluation = (results: ThresholdsEvaluation['results']): ThresholdsEvaluation => ({
  ok: Object.values(results).every((r) => Object.values(r).every((o) => o.ok)),
  abort: false,
  results,
});

test("k6's crossed-thresholds line names the failed (sub-)metrics sorted, comma and space separated", () => {
  const e = evaluation({
    kafka_writer_write_seconds: { 'p(95)<100': { ok: false, value: 120 } },
    checks: { 'rate>0.9': { ok: true, value: 1 } },
    dropped_iterations: { 'count==0': { ok: false, value: 3 }, 'count<10': { ok: true, value: 3 } },
  });
  assert.equal(crossedThresholdsMessage(e), "thresholds on metrics 'dropped_iterations, kafka_writer_write_seconds' have been crossed");
  assert.equal(crossedThresholdsMessage(evaluation({ checks: { 'rate>0.9': { ok: true } } })), undefined);
});

test('the first abort decides the exit code; then thresholds; then exec.test.fail()', async () => {
  const failing = evaluation({ errors: { 'count<1': { ok: false, value: 1 } } });
  const o = new RunOutcome();
  assert.equal(o.exitCode(undefined), ExitCode.OK);
  o.fail();
  assert.equal(o.exitCode(undefined), ExitCode.MarkedAsFailed);
  assert.equal(o.exitCode(failing), ExitCode.ThresholdsHaveFailed);
  const aborted = o.whenAborted();
  o.abort('stopped by a signal', ExitCode.ExternalAbort);
  o.abort('test aborted', ExitCode.ScriptAborted);
  await aborted;
  assert.equal(o.exitCode(failing), ExitCode.ExternalAbort);
  assert.equal(o.abortedBy?.reason, 'stopped by a signal');
  assert.equal((o.aborted.reason as { exitCode: number }).exitCode, ExitCode.ExternalAbort);
});
