/** What a k6 script sees at run time: globals, setup data, modules, scenarios, segments, workers. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { count, expectCode, type ExportedSummary, failedChecks, runWithExport, sharedRun } from './run-cli.ts';

function assertCheckPassed(summary: ExportedSummary, name: string, times: number): void {
  const c = summary.root_group.checks[name];
  assert.ok(c, `check "${name}" ran`);
  assert.deepEqual([c.passes, c.fails], [times, 0], `check "${name}"`);
}

describe('script API', { concurrency: 4 }, () => {
  // per-vu-iterations, 2 VUs × 3 iterations
  const api = sharedRun(() => runWithExport(['-e', 'GREETING=hello', 'script-api.ts']));

  test('an exception in an iteration is logged and counted; the test goes on and exits 0', async () => {
    const r = await runWithExport(['iteration-throws.ts']);
    expectCode(r, 0);
    assert.match(r.stderr, /iteration 1 went wrong/);
    assert.match(r.stderr, /iteration-throws\.ts:\d+/);
    assert.equal(count(r.summary, 'iterations'), 6);
    assert.equal(count(r.summary, 'reached_end'), 3);
  });

  test('-e K=V reaches __ENV', async () => {
    const r = await api();
    expectCode(r, 0);
    assertCheckPassed(r.summary, 'env from -e', 6);
  });

  test('__VU numbers VUs 1…N and __ITER counts each VU’s iterations from 0', async () => {
    const r = await api();
    assert.equal(count(r.summary, 'vu_sum'), 3 * (1 + 2));
    assert.equal(count(r.summary, 'iter_sum'), 2 * (0 + 1 + 2));
  });

  test('setup() data reaches every iteration and teardown()', async () => {
    const r = await api();
    assertCheckPassed(r.summary, 'setup data reached iteration', 6);
    assert.equal(count(r.summary, 'teardown_saw_setup'), 42);
    assert.deepEqual(r.summary.setup_data, { answer: 42, list: ['a', 'b'] });
  });

  test('open() reads a file next to the script; SharedArray serves it', async () => {
    const r = await api();
    assertCheckPassed(r.summary, 'open() read the fixture', 6);
    assertCheckPassed(r.summary, 'SharedArray holds the fixture', 6);
  });

  test('k6/encoding round-trips base64', async () => {
    const r = await api();
    assertCheckPassed(r.summary, 'b64 round trip', 6);
  });

  test('timers keep an iteration alive until they are done', async () => {
    const r = await api();
    assert.equal(count(r.summary, 'timers_fired'), 6);
    assert.equal(count(r.summary, 'interval_ticks'), 18);
    assert.ok(r.summary.metrics.iteration_duration!.min! >= 55, 'each iteration lasted until its 60ms timer fired');
    assert.deepEqual(failedChecks(r.summary), []);
  });

  test('scenario env and tags: each scenario sees its env; tagged sub-metric thresholds hold', async () => {
    const r = await runWithExport(['scenario-env-tags.ts']);
    expectCode(r, 0);
    assertCheckPassed(r.summary, 'scenario env', 8);
    assert.equal(count(r.summary, 'iterations{team:blue}'), 3);
    assert.equal(count(r.summary, 'iterations{team:red}'), 5);
    assert.equal(r.summary.metrics['checks{team:red}']!.passes, 5);
  });

  test('several scenarios at once; startTime delays the second', async () => {
    const r = await runWithExport(['staggered.ts']);
    expectCode(r, 0);
    assert.equal(count(r.summary, 'iterations{scenario:first}'), 6);
    assert.equal(count(r.summary, 'iterations{scenario:later}'), 4);
    assert.ok(r.summary.metrics.later_started_at_ms!.min! >= 950, 'the later scenario began about 1s in');
  });

  test('an execution segment runs its share of the shared iterations', async () => {
    const r = await runWithExport(['--execution-segment', '0:1/2', '--execution-segment-sequence', '0,1/2,1', 'many-iterations.ts']);
    expectCode(r, 0);
    assert.equal(count(r.summary, 'iterations'), 100);
  });

  test('--workers 1 and the default worker count run the same iterations', async () => {
    const [one, auto] = await Promise.all([runWithExport(['--workers', '1', 'many-iterations.ts']), runWithExport(['many-iterations.ts'])]);
    expectCode(one, 0);
    expectCode(auto, 0);
    assert.equal(count(one.summary, 'iterations'), 200);
    assert.equal(count(auto.summary, 'iterations'), 200);
  });
});
