/** The saturation guard through the real CLI: a generator starved of CPU is inconclusive (112), a healthy one is judged as usual. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { expectCode, runCli, runWithExport } from './run-cli.ts';

// one core for the whole process when taskset exists: the busy loop then starves every thread
const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const starved = (args: string[], env: Record<string, string> = {}) =>
  runCli(['--workers', '1', 'busy-loop.ts', ...args], {
    env: { STREAMPROBE_SATURATION_GUARD: 'on', ...env },
    timeoutMs: 120_000,
    prefix: pinned ? ['taskset', '-c', '0'] : [],
  });

describe('saturation guard', { concurrency: 2, timeout: 300_000 }, () => {
  it('a failed threshold on a starved generator is inconclusive (112), naming the cause', async () => {
    const r = await starved(['-e', 'THRESHOLD=max<1']);
    expectCode(r, 112);
    assert.match(
      r.stderr,
      /inconclusive: thresholds failed, but the load generator was saturated: .*(event_loop_delay p\(99\)|iteration_start_lag p\(95\)|CPU core)/,
    );
    assert.match(r.stderr, /says nothing about the system under test/);
  });

  it('a passing starved run stays 0 with a warning; strict (env) makes it 112; off gives the plain 99', async () => {
    const [pass, strict, off] = await Promise.all([
      starved([]),
      starved([], { STREAMPROBE_SATURATION_GUARD: 'strict' }),
      starved(['-e', 'THRESHOLD=max<1', '--saturation-guard', 'off']),
    ]);
    expectCode(pass, 0);
    assert.match(pass.stderr, /WARN .*the load generator was saturated: .*the run passed anyway/);
    expectCode(strict, 112);
    expectCode(off, 99);
    assert.doesNotMatch(off.stderr, /saturated/);
  });

  it('a healthy run is not flagged: its failed threshold is a plain 99, and event_loop_delay is in the summary', async () => {
    const r = await runWithExport(['busy-loop.ts', '-e', 'RATE=20', '-e', 'BUSY_MS=0', '-e', 'THRESHOLD=max<0'], {
      env: { STREAMPROBE_SATURATION_GUARD: 'on' },
    });
    expectCode(r, 99);
    assert.doesNotMatch(r.stderr, /saturated|inconclusive/);
    assert.match(r.stdout, /event_loop_delay\.+: avg=/);
    assert.ok(r.summary.metrics.event_loop_delay!['p(95)']! >= 0);
  });

  it('rejects a bad bound, naming the flag', async () => {
    const r = await runCli(['--saturation-bounds', 'cpu=lots', 'busy-loop.ts']);
    expectCode(r, 104);
    assert.match(r.stderr, /--saturation-bounds cpu must be a positive fraction/);
  });
});
