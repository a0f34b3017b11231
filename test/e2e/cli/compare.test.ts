/** `streamprobe compare` on real runs: a seeded produce-latency regression fails, an unchanged run passes. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { expectCode, runCli, runStreamprobe, scratchDir } from './run-cli.ts';

const TIMEOUT_MS = 180_000;

describe('streamprobe compare', { timeout: 4 * TIMEOUT_MS }, () => {
  const scratch = scratchDir();
  const topic = `streamprobe-compare-${process.pid}-${Date.now().toString(36)}`;
  const file = scratch.file;
  // the median: the tail of a local produce on a shared machine moves by more than any useful tolerance
  const tolerances = file('tolerances.json');

  const produce = async (name: string, delayMs: number) => {
    const r = await runCli(['produce-delay.ts', '-e', `TOPIC=${topic}`, '-e', `DELAY_MS=${delayMs}`, '--summary-export', file(name)], {
      timeoutMs: TIMEOUT_MS,
    });
    expectCode(r, 0);
  };

  before(async () => {
    writeFileSync(
      tolerances,
      JSON.stringify({ $defaults: false, produce_latency: { med: '+150' }, kafka_writer_error_count: { count: '+0' } }),
    );
    await produce('base-1.json', 0); // creates the topic before the others run
    await Promise.all([produce('base-2.json', 0), produce('unchanged.json', 0), produce('delayed.json', 400)]);
  });
  after(() => scratch.cleanup());

  it('passes an unchanged run, with the noise of two baseline runs in the table', async () => {
    const r = await runStreamprobe([
      'compare',
      file('base-1.json'),
      '--baseline',
      file('base-2.json'),
      file('unchanged.json'),
      '--tolerances',
      tolerances,
    ]);
    expectCode(r, 0);
    assert.match(r.stdout, /^produce_latency\s+med\s+[\d.]+ms\s+[\d.]+ms\s+\S+\s+\+150\s+±[\d.]+%\s+✓ ok$/m);
    assert.match(r.stdout, /baseline: mean of 2 runs/);
    assert.match(r.stdout, /✓ no regression: 2 statistics compared/);
  });

  it('flags injected produce latency with exit 99, in the terminal and in Markdown', async () => {
    const md = file('compare.md');
    const r = await runStreamprobe([
      'compare',
      file('base-1.json'),
      file('base-2.json'),
      file('delayed.json'),
      '--tolerances',
      tolerances,
      '--markdown',
      md,
    ]);
    expectCode(r, 99);
    assert.match(r.stdout, /^produce_latency\s+med\s+.*✗ regression$/m);
    assert.match(r.stdout, /✗ 1 regression: produce_latency med \+\d+% \(allowed \+150\)/);
    const markdown = readFileSync(md, 'utf8');
    assert.match(
      markdown,
      /^\| produce_latency \| med \| [\d.]+ms \| 4\d\d(\.\d+)?ms \| \+\d+% \| \+150 \| ±[\d.]+% \| ❌ regression \|$/m,
    );
    assert.match(markdown, /❌ 1 regression/);
  });

  it('with the default tolerances the delayed run regresses too', async () => {
    const r = await runStreamprobe(['compare', file('base-1.json'), file('delayed.json')]);
    expectCode(r, 99);
    assert.match(r.stdout, /^iteration_duration\s+med\s+.*✗ regression$/m);
  });

  it('names a missing file, a file that is not a summary, and a bad tolerance', async () => {
    const missing = await runStreamprobe(['compare', file('nope.json'), file('delayed.json')]);
    expectCode(missing, 104);
    assert.match(missing.stderr, /cannot read the baseline .*nope\.json/);
    writeFileSync(file('bad.json'), '{"foo": 1}');
    const bad = await runStreamprobe(['compare', file('base-1.json'), file('bad.json')]);
    expectCode(bad, 104);
    assert.match(bad.stderr, /the current run .*bad\.json: not a k6 summary/);
    writeFileSync(file('tol.json'), '{"produce_latency": {"med": "10%"}}');
    const tol = await runStreamprobe(['compare', file('base-1.json'), file('delayed.json'), '--tolerances', file('tol.json')]);
    expectCode(tol, 104);
    assert.match(tol.stderr, /produce_latency med: "10%" is not a tolerance/);
    const usage = await runStreamprobe(['compare', file('base-1.json')]);
    expectCode(usage, 255);
    assert.match(usage.stderr, /needs a baseline and a current run/);
  });
});
