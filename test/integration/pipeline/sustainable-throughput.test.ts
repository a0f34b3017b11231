// scripts/sustainable-throughput.ts against the real reference pipeline: two short steps, judged and reported as one number.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ROOT, runWithExport } from '../../e2e/cli/run-cli.ts';
import type { TestPipeline } from '../sut/harness.ts';
import { startPipelineFor, WINDOW } from './harness.ts';

describe('sustainable throughput', { timeout: 300_000 }, () => {
  let p: TestPipeline;
  before(async () => {
    p = await startPipelineFor('sustainable');
  });
  after(async () => {
    await p?.stop();
  });

  it('judges each step from the result latency and reports the highest sustained rate', async () => {
    const { code, stdout, stderr, summary } = await runWithExport([`${ROOT}scripts/sustainable-throughput.ts`], {
      timeoutMs: 200_000,
      env: {
        PREFIX: p.state.options.prefix,
        WINDOW,
        START_RATE: '200',
        STEP_RATE: '200',
        STEPS: '2',
        STEP_RAMP: '2s',
        STEP_DURATION: '14s',
        BATCH: '20',
        PAGES: '20',
      },
    });
    const out = stdout + stderr;
    console.log(
      out
        .split('\n')
        .filter((l) => /sustainable throughput:|events\/s: median/.test(l))
        .join('\n'),
    );
    assert.ok(code === 0 || code === 99, out); // 99: the loaded machine dropped iterations
    const value = summary.metrics.sustainable_throughput?.value;
    assert.ok(value === 0 || value === 200 || value === 400, `one of the step rates or 0: ${value}`);
    assert.match(out, new RegExp(`sustainable throughput: ${value} events/s`));
    assert.match(out, /^\s+200 events\/s: median result latency \d+ ms, growth -?\d+\.\d ms\/s over \d+ windows — /m);
    assert.match(out, /^\s+400 events\/s: /m);
  });
});
