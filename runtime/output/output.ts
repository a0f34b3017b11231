/**
 * The contract between the run and its outputs (`-o json=…`, `experimental-prometheus-rw`, the web
 * dashboard, …). The main thread merges the workers' metric deltas and hands each output the
 * deltas of one interval (about a second) in order, then the end of the test once.
 */
import type { ExitCodeValue } from '../errors.ts';
import type { StoreSnapshot } from '../metrics/store.ts';
import type { ConsolidatedOptions } from '../options/types.ts';
import type { SummaryData } from '../summary/data.ts';
import type { ThresholdsEvaluation } from '../thresholds/evaluate.ts';
import type { Logger } from '../vu-context/context.ts';

export interface OutputContext {
  readonly scriptPath: string;
  readonly options: ConsolidatedOptions;
  /** the process environment (for K6_* output variables) */
  readonly env: NodeJS.ProcessEnv;
  readonly log: Logger;
}

/**
 * What every series gained during one interval, stamped with the interval's end (epoch ms). When an
 * output is `perSample`, each series of `delta` also carries its individual `samples`.
 */
export interface MetricsInterval {
  readonly timeMs: number;
  readonly delta: StoreSnapshot;
}

export interface TestEnd {
  readonly summary: SummaryData;
  readonly thresholds: ThresholdsEvaluation | undefined;
  readonly exitCode: ExitCodeValue;
  readonly durationMs: number;
}

export interface Output {
  /** shown in the banner's `output:` line */
  readonly description: string;
  /** asks the workers to keep and ship every individual sample (k6's per-sample outputs: json, csv) */
  readonly perSample?: boolean;
  start(startEpochMs: number): Promise<void>;
  /** called in time order; must not block the main thread for long (buffer and flush async) */
  addMetrics(interval: MetricsInterval): void;
  /** flush and release everything; called once, on every way a run can end */
  stop(end: TestEnd | undefined): Promise<void>;
}

export type OutputFactory = (arg: string, ctx: OutputContext) => Output;
