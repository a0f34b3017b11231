import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport, ingestChecks, type IngestRun } from '../../../bench/ingest/ingest-verdict.ts';

const passing: IngestRun = {
  targetEventsPerSecond: 150_000,
  figures: {
    messages: 49_500_000,
    messageBytes: 0,
    messagesPerSecond: 149_000,
    errors: 0,
    droppedIterations: 0,
    writeP99Ms: 40,
  },
  brokerMessages: 49_500_000,
  steady: { eventsPerSecond: 149_990, fromMs: 33_000, toMs: 331_000 },
  exitCode: 0,
};

test('every check passes on a clean run', () => {
  const checks = ingestChecks(passing);
  assert.deepEqual(
    checks.map((c) => c.ok),
    [true, true, true, true],
  );
  const text = formatReport(passing, checks);
  assert.match(text, /RESULT: PASS/);
  assert.match(text, /iteration_start_lag p99 +n\/a/);
});

test('each acceptance condition fails on its own', () => {
  const failing = (run: IngestRun): string[] =>
    ingestChecks(run)
      .filter((c) => !c.ok)
      .map((c) => c.name);
  assert.deepEqual(failing({ ...passing, brokerMessages: 49_500_001 }), ['broker count']);
  assert.deepEqual(failing({ ...passing, figures: { ...passing.figures, droppedIterations: 1 } }), ['dropped iterations']);
  assert.deepEqual(failing({ ...passing, figures: { ...passing.figures, errors: 2 } }), ['writer errors']);
  assert.deepEqual(failing({ ...passing, steady: { ...passing.steady!, eventsPerSecond: 148_000 } }), ['steady rate']);
  const { steady: _, ...unmeasured } = passing;
  assert.deepEqual(failing(unmeasured), ['steady rate']);
  assert.match(formatReport(unmeasured, ingestChecks(unmeasured)), /RESULT: FAIL/);
});
