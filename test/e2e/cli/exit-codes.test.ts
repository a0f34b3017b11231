/** k6's exit codes (README.md#exit-codes) through the real CLI. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { FIXTURES, count, expectCode, runCli, runWithExport, scratchDir } from './run-cli.ts';

describe('exit codes', { concurrency: 4 }, () => {
  test('a failing threshold ⇒ 99, marked ✗ in the summary and true in --summary-export', async () => {
    const r = await runWithExport(['threshold-fail.ts']);
    expectCode(r, 99);
    assert.match(r.stdout, /✗ 'count < 1' count=3/);
    assert.equal(r.summary.metrics.errors!.count, 3);
    assert.deepEqual(r.summary.metrics.errors!.thresholds, { 'count < 1': true });
  });

  test('abortOnFail stops the run at the first evaluation ⇒ 99', async () => {
    const started = Date.now();
    const r = await runWithExport(['abort-on-fail.ts']);
    expectCode(r, 99);
    // the scenario is 30s long; the threshold is evaluated every 2s
    assert.ok(Date.now() - started < 20_000, 'the run ended early');
    assert.equal(r.summary.metrics.errors!.thresholds!['count < 1'], true);
  });

  test('exec.test.abort() ⇒ 108, and teardown still runs', async () => {
    const r = await runWithExport(['test-abort.ts']);
    expectCode(r, 108);
    assert.match(r.stderr, /enough/);
    assert.equal(count(r.summary, 'teardown_runs'), 7, 'teardown ran with the setup data');
  });

  test('exec.test.fail() ⇒ 110 after every iteration ran', async () => {
    const r = await runWithExport(['test-fail.ts']);
    expectCode(r, 110);
    assert.match(r.stderr, /marked by the script/);
    assert.equal(count(r.summary, 'iterations'), 5);
  });

  const configCases: [string, RegExp][] = [
    ['unknown-executor', /no-such-executor/],
    ['bad-duration', /10 parsecs/],
    ['unknown-threshold-metric', /no_such_metric/],
    ['bad-threshold-syntax', /count ~~ 3/],
    ['missing-exec', /notExported/],
  ];
  for (const [name, mention] of configCases) {
    test(`invalid configuration (${name}) ⇒ 104, naming the culprit`, async () => {
      const r = await runCli(['bad-config.ts'], { env: { CASE: name } });
      expectCode(r, 104);
      assert.match(r.stderr, mention);
    });
  }

  test('the script throws in its init context ⇒ 107, naming the file and line', async () => {
    const r = await runCli(['init-throws.ts']);
    expectCode(r, 107);
    assert.match(r.stderr, /config file is broken/);
    assert.match(r.stderr, /init-throws\.ts:5\b/);
  });

  test('setup() throws ⇒ 107', async () => {
    const r = await runCli(['setup-throws.ts']);
    expectCode(r, 107);
    assert.match(r.stderr, /cannot reach the broker/);
  });

  test('teardown() throws ⇒ 107, after the summary and a JUnit report of the iterations', async () => {
    const scratch = scratchDir();
    try {
      const r = await runCli(['--junit', scratch.file('junit.xml'), 'teardown-throws.ts']);
      expectCode(r, 107);
      assert.match(r.stderr, /teardown\(\) failed: Error: cannot close the writer/);
      assert.match(r.stdout, /iterations\.+: 3\b/);
      assert.match(readFileSync(scratch.file('junit.xml'), 'utf8'), /<testcase name="is one" classname="checks" time="0"\/>/);
    } finally {
      scratch.cleanup();
    }
  });

  test('setup() outlives setupTimeout ⇒ 100', async () => {
    const r = await runCli(['setup-timeout.ts']);
    expectCode(r, 100);
    assert.match(r.stderr, /setup\(\)/);
  });

  test('a missing script file ⇒ 255', async () => {
    const r = await runCli([path.join(FIXTURES, 'no-such-script.ts')]);
    expectCode(r, 255);
    assert.match(r.stderr, /no-such-script\.ts/);
  });

  test('an unknown flag ⇒ 255', async () => {
    const r = await runCli(['--no-such-flag', 'summary.ts']);
    expectCode(r, 255);
    assert.match(r.stderr, /--no-such-flag/);
  });
});
