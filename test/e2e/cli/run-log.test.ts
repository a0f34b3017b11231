/** What a run tells the user besides the summary: the banner (not with --quiet), crossed thresholds, one-time warnings. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectCode, runCli } from './run-cli.ts';

describe('run log', { concurrency: 3 }, () => {
  test('--quiet hides the banner; the summary still prints', async () => {
    const quiet = await runCli(['summary.ts']);
    expectCode(quiet, 0);
    assert.doesNotMatch(quiet.stdout, /execution: local|scenarios: \(100\.00%\)/);
    assert.match(quiet.stdout, /iterations/);
    const loud = await runCli(['summary.ts'], { quiet: false });
    expectCode(loud, 0);
    assert.match(loud.stdout, /execution: local/);
    assert.match(loud.stdout, /scenarios: \(100\.00%\) 1 scenario/);
  });

  test("crossed thresholds end with k6's error line, metric names sorted", async () => {
    const r = await runCli(['thresholds-crossed.ts']);
    expectCode(r, 99);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.at(-1), "ERROR thresholds on metrics 'alpha, zeta' have been crossed");
  });

  test('unawaited Kafka calls in a synchronous iteration forced into async mode warn once per run, over every VU and worker', async () => {
    const r = await runCli(['--mode', 'async', '--workers', '2', 'unawaited-kafka.ts'], {
      env: { BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092' },
    });
    expectCode(r, 0);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('was called without await'));
    assert.equal(warnings.length, 1, r.stderr);
    assert.match(
      warnings[0]!,
      /^WARN +listTopics\(\) was called without await in the default function: .* Fix: make the default function async and await the call.*--mode classic/,
    );
  });
});
