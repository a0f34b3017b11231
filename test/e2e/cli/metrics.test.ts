/** Metric values after real runs: counts that must be exact whatever the timing. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { count, expectCode, runWithExport, sharedRun } from './run-cli.ts';

describe('metric values', { concurrency: 4 }, () => {
  const counts = sharedRun(() => runWithExport(['counts.ts']));

  test('shared-iterations runs exactly its iterations', async () => {
    const r = await counts();
    expectCode(r, 0);
    assert.equal(count(r.summary, 'iterations{scenario:shared}'), 37);
  });

  test('per-vu-iterations runs iterations × vus', async () => {
    const r = await counts();
    assert.equal(count(r.summary, 'iterations{scenario:pervu}'), 12);
    assert.equal(count(r.summary, 'iterations'), 49);
    assert.equal(count(r.summary, 'dropped_iterations'), undefined);
  });

  test('a counter sums every add()', async () => {
    const r = await counts();
    assert.equal(count(r.summary, 'units'), 37 * 2 + 12 * 10);
  });

  test('checks count passes and fails', async () => {
    const r = await counts();
    const even = r.summary.root_group.checks['even iteration']!;
    assert.deepEqual([even.passes, even.fails], [19, 18]);
    assert.equal(r.summary.metrics.checks!.passes, 19);
    assert.equal(r.summary.metrics.checks!.fails, 18);
  });

  test('constant-arrival-rate starts rate × duration iterations (20/s for 2s = 40)', async () => {
    const r = await runWithExport(['arrival-rate.ts']);
    expectCode(r, 0);
    assert.equal(count(r.summary, 'iterations'), 40);
    assert.equal(count(r.summary, 'dropped_iterations'), undefined);
  });

  test('an arrival-rate scenario with one VU beside a bigger scenario runs all its starts', async () => {
    const r = await runWithExport(['small-arrival.ts']);
    expectCode(r, 0);
    assert.equal(count(r.summary, 'iterations{scenario:trickle}'), 20);
    assert.equal(count(r.summary, 'dropped_iterations'), undefined);
  });

  test('too few VUs for slow iterations: the missed starts are dropped, not retried', async () => {
    const r = await runWithExport(['dropped.ts']);
    expectCode(r, 0);
    const done = count(r.summary, 'iterations') ?? 0;
    const dropped = count(r.summary, 'dropped_iterations') ?? 0;
    assert.ok(dropped > 0, `expected dropped iterations, got ${dropped}`);
    assert.ok(done > 0 && done < 20, `one VU can not run all 20 iterations, ran ${done}`);
    assert.equal(done + dropped, 20, 'every due start either ran or was dropped');
  });

  test('"Insufficient VUs" names the maxVUs the script set, once, not per worker thread', async () => {
    const r = await runWithExport(['--workers', '2', 'insufficient-vus.ts']);
    expectCode(r, 0);
    assert.match(r.stderr, /Insufficient VUs, reached maxVUs 4 and cannot initialize more \(scenario "capped"\)/);
    assert.doesNotMatch(r.stderr, /maxVUs 2\b/);
    assert.equal(r.stderr.match(/Insufficient VUs/g)?.length, 1, 'logged once, not once per worker thread');
    assert.equal((count(r.summary, 'iterations') ?? 0) + (count(r.summary, 'dropped_iterations') ?? 0), 20);
  });
});
