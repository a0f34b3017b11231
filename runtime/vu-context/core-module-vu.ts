/**
 * What the k6 core modules (k6, k6/execution, k6/metrics, k6/data, k6/timers, k6/http) see of a VU and its
 * thread: VUContext plus the VU's scenario, iteration, group and tags, and the thread's options and stores.
 */
import type { MetricStore } from '../metrics/store.ts';
import type { ConsolidatedOptions } from '../options/types.ts';
import type { GroupTree } from '../summary/groups.ts';
import type { VUContext } from './context.ts';
import type { IterationStart, ScenarioState } from './scenario-state.ts';

export interface ExecutionCounters {
  iterationsCompleted: number;
  iterationsInterrupted: number;
  vusActive: number;
  vusInitialized: number;
}

/** The part of the thread's host (vu/host.ts ThreadHost) that the core modules read. */
export interface ModuleHost {
  readonly store: MetricStore;
  readonly groups: GroupTree;
  /** undefined during the options pass, when options are not known yet */
  readonly options: ConsolidatedOptions | undefined;
  readonly counters: ExecutionCounters;
  /** epoch ms of the test start (0 before it) */
  testStartEpochMs: number;
  /** SharedArray contents by name, JSON text, filled once per thread */
  readonly sharedArrays: Map<string, string>;
  markFailed(reason: string): void;
}

type TimerName = 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval';

export interface CoreModuleVU extends VUContext {
  readonly host: ModuleHost;
  readonly scenario: ScenarioState | undefined;
  readonly iterationStart: IterationStart | undefined;
  /** __ITER: per VU, across scenarios; -1 before the first iteration */
  readonly iterationInInstance: number;
  readonly iterationInScenario: number;
  /** exec.vu.metrics.metadata */
  readonly metadata: Record<string, string>;
  /** exec.vu.metrics.tags: the script's own tags */
  readonly dynamicTags: Record<string, string>;
  readonly groupPath: string;
  /** false after an interrupt until the VU starts its next iteration or call: checks are not recorded then */
  readonly recording: boolean;
  setGroup(path: string): void;
  /** the timers the script also gets as globals */
  timerFunctions(): Readonly<Record<TimerName, (...args: never[]) => unknown>>;
}
