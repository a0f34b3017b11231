/** End-of-test output through the real CLI: text summary, handleSummary, --summary-export. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { expectCode, runCli, runWithExport, scratchDir } from './run-cli.ts';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describe('end-of-test summary', { concurrency: 4 }, () => {
  test('the default text summary shows thresholds, checks and custom metrics; exit 0', async () => {
    const r = await runCli(['summary.ts']);
    expectCode(r, 0);
    const out = r.stdout;
    assert.match(out, /█ THRESHOLDS/);
    assert.match(out, /items_processed\s*\n\s*✓ 'count == 30' count=30/);
    assert.match(out, /checks\s*\n\s*✓ 'rate > 0\.4' rate=50\.00%/);
    assert.match(out, /█ TOTAL RESULTS/);
    assert.match(out, /checks_total\.+: 20\s/);
    assert.match(out, /checks_succeeded\.+: 50\.00% 10 out of 20/);
    assert.match(out, /✓ always passes/);
    assert.match(out, /✗ never passes\s*\n\s*↳\s+0% — ✓ 0 \/ ✗ 10/);
    assert.match(out, /CUSTOM/);
    assert.match(out, /items_processed\.+: 30\s/);
    assert.match(out, /work_time\.+: avg=12\.5ms\s+min=12\.5ms/);
    assert.match(out, /iterations\.+: 10\s/);
  });

  test('handleSummary output goes to stdout and to a file, with k6-shaped data', async () => {
    const scratch = scratchDir();
    try {
      const file = scratch.file('out/summary.json');
      const r = await runCli(['handle-summary.ts'], { env: { SUMMARY_FILE: file } });
      expectCode(r, 0);
      assert.match(r.stdout, /CUSTOM SUMMARY ON STDOUT/);
      assert.doesNotMatch(r.stdout, /TOTAL RESULTS/, 'the default summary is replaced');
      const data = JSON.parse(readFileSync(file, 'utf8'));

      assert.deepEqual(Object.keys(data).sort(), ['metrics', 'options', 'root_group', 'setup_data', 'state']);
      const root = data.root_group;
      assert.equal(root.path, '');
      assert.equal(root.id, md5(''));
      assert.deepEqual(root.checks, [{ name: 'root check', path: '::root check', id: md5('::root check'), passes: 4, fails: 0 }]);
      assert.equal(root.groups.length, 1);
      assert.equal(root.groups[0].name, 'inner');
      assert.equal(root.groups[0].path, '::inner');
      assert.equal(root.groups[0].id, md5('::inner'));
      assert.deepEqual(root.groups[0].checks, [
        { name: 'inner check', path: '::inner::inner check', id: md5('::inner::inner check'), passes: 0, fails: 4 },
      ]);

      const { sent, ok_rate: okRate, iterations, iteration_duration: duration, checks } = data.metrics;
      assert.deepEqual(
        { type: sent.type, contains: sent.contains, count: sent.values.count },
        { type: 'counter', contains: 'default', count: 4 },
      );
      assert.equal(typeof sent.values.rate, 'number');
      assert.deepEqual(Object.keys(sent.thresholds), ['count >= 4']);
      assert.equal(sent.thresholds['count >= 4'].ok, true);
      assert.deepEqual(okRate.values, { rate: 1, passes: 4, fails: 0 });
      assert.equal(okRate.thresholds['rate == 1'].ok, true);
      assert.equal(okRate.type, 'rate');
      assert.deepEqual(checks.values, { rate: 0.5, passes: 4, fails: 4 });
      assert.equal(iterations.values.count, 4);
      assert.deepEqual({ type: duration.type, contains: duration.contains }, { type: 'trend', contains: 'time' });
      assert.deepEqual(Object.keys(duration.values).sort(), ['avg', 'max', 'med', 'min', 'p(90)', 'p(95)']);
      assert.equal(duration.thresholds, undefined, 'only metrics with thresholds carry them');

      assert.deepEqual(data.options.summaryTrendStats, ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)']);
      assert.equal(typeof data.state.testRunDurationMs, 'number');
      assert.ok(data.state.testRunDurationMs > 0);
      // setup() data crosses as JSON: the Date became a string
      assert.deepEqual(data.setup_data, { topic: 'orders', partitions: [0, 1, 2], nested: { on: true }, when: '1970-01-01T00:00:00.000Z' });
    } finally {
      scratch.cleanup();
    }
  });

  test('--summary-export writes the legacy shape: flattened values, rate→value, thresholds true when failed', async () => {
    const r = await runWithExport(['summary.ts']);
    expectCode(r, 0);
    const { metrics, root_group: root } = r.summary;
    assert.deepEqual(metrics.checks, { passes: 10, fails: 10, value: 0.5, thresholds: { 'rate > 0.4': false } });
    assert.equal(metrics.items_processed!.count, 30);
    assert.deepEqual(metrics.items_processed!.thresholds, { 'count == 30': false });
    assert.equal(metrics.work_time!.avg, 12.5);
    assert.equal(metrics.iterations!.count, 10);
    assert.equal(root.checks['never passes']!.fails, 10);
    assert.equal(root.checks['always passes']!.passes, 10);
    assert.equal(Object.hasOwn(r.summary, 'options'), false);
    assert.equal(Object.hasOwn(r.summary, 'state'), false);
  });
});
