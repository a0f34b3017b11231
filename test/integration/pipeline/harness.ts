/** Runs the e2e-pipeline script against a reference pipeline of the test's own (unique prefix, free ports). */
import { ROOT, runWithExport, type CliResult, type ExportedSummary } from '../../e2e/cli/run-cli.ts';
import { startTestPipeline, type TestPipeline } from '../sut/harness.ts';
import type { RawOptions } from '../../../sut/options.ts';

export const E2E_SCRIPT = `${ROOT}scripts/e2e-pipeline.ts`;

export const WINDOW = '2s';
const GRACE = '5s';
const IDLE_CLOSE = '10s';

export function startPipelineFor(name: string, raw: RawOptions = {}): Promise<TestPipeline> {
  // On this busy shared machine the processor's tasks lag by seconds, and differently: a record of a lagging
  // input partition can reach its window's task after newer records of another, past a short grace — and a task
  // that sees no input for a second closes its windows by wall clock. The pipeline's semantics allow both
  // (sut/README.md "Window semantics"); a long grace and idle-close keep the tests' windows exact.
  return startTestPipeline(`e2e-${name}`, { window: WINDOW, grace: GRACE, 'idle-close': IDLE_CLOSE, 'no-lake': true, ...raw });
}

/** A short run: 400 events/s for 12 s in 2 s windows; generous latency and drain limits for a busy machine. */
export function runE2e(p: TestPipeline, env: Record<string, string> = {}): Promise<CliResult & { summary: ExportedSummary }> {
  return runWithExport([E2E_SCRIPT], {
    timeoutMs: 240_000,
    env: {
      PREFIX: p.state.options.prefix,
      // the last instance: the crash fault halts instance 0
      QUERY_URL: `http://127.0.0.1:${p.state.processors.at(-1)!.port}`,
      LAKE_URL: 'none',
      WINDOW,
      GRACE,
      IDLE_CLOSE,
      RATE: '400',
      BATCH: '20',
      RAMP: '2s',
      DURATION: '12s',
      PAGES: '20',
      DRAIN_TIMEOUT: '60s',
      LATENCY_P99_MS: '30000',
      ...env,
    },
  });
}

export const count = (s: ExportedSummary, metric: string): number => s.metrics[metric]?.count ?? 0;
