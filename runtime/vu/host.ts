/**
 * What a VU needs from the thread that runs it (a worker, or the main thread for the options
 * pass, setup, teardown and handleSummary). One host per thread; many VUs share it.
 */
import type { MetricRegistry } from '../metrics/registry.ts';
import type { MetricStore } from '../metrics/store.ts';
import type { GroupTree } from '../summary/groups.ts';
import type { ScriptFactory } from '../loader/compile.ts';
import type { StackMapper } from '../loader/source-map.ts';
import type { ConsolidatedOptions } from '../options/types.ts';
import type { ExitCodeValue } from '../errors.ts';
import type { Logger, SharedResources } from './context.ts';

export interface ExecutionCounters {
  iterationsCompleted: number;
  iterationsInterrupted: number;
  vusActive: number;
  vusInitialized: number;
}

export interface ThreadHost {
  readonly scriptPath: string;
  readonly factory: ScriptFactory;
  readonly mapStack: StackMapper;
  readonly registry: MetricRegistry;
  readonly store: MetricStore;
  readonly groups: GroupTree;
  readonly shared: SharedResources;
  readonly log: Logger;
  /** the test's __ENV before scenario env (system env if included, then -e) */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** undefined during the options pass, when options are not known yet */
  readonly options: ConsolidatedOptions | undefined;
  readonly counters: ExecutionCounters;
  /** epoch ms of the test start (0 before it) */
  testStartEpochMs: number;
  /** JSON text of setup()'s result, or undefined */
  setupDataJson: string | undefined;
  /** SharedArray contents by name, JSON text, filled once per thread */
  readonly sharedArrays: Map<string, string>;
  /** open() cache: one read per file per thread */
  readonly files: Map<string, Buffer>;
  abortTest(reason: string, exitCode: ExitCodeValue): void;
  markFailed(reason: string): void;
  /** logs `message` once per run for `key`, however many VUs and threads hit it */
  warnOnce(key: string, message: string): void;
  /** the test was aborted or is stopping: VUs start no new iterations */
  readonly stopping: boolean;
}
