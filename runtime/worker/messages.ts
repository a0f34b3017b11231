/** The protocol between the main thread and its worker threads (all structured-clone data). */
import type { ExitCodeValue } from '../errors.ts';
import type { StoreSnapshot } from '../metrics/store.ts';
import type { ConsolidatedOptions } from '../options/types.ts';
import type { GroupSnapshot } from '../summary/groups.ts';
import type { ScriptBundle } from '../loader/bundle.ts';
import type { MessagePort } from 'node:worker_threads';
import type { VURuntime } from '../classic/vu-thread-loader.ts';
import type { LoopDelayTotals } from './loop-delay.ts';

export interface WorkerInit {
  readonly bundle: ScriptBundle;
  readonly options: ConsolidatedOptions;
  readonly env: Record<string, string>;
  /** this instance's --execution-segment / --execution-segment-sequence (null: the whole test) */
  readonly segment: string | null;
  readonly sequence: string | null;
  /** this worker's part of the instance's segment: part `workerIndex` of `workers` */
  readonly workers: number;
  /** shared-iterations claim counters, one per scenario, shared by all workers (see ThreadPlace) */
  readonly claims: Int32Array;
  readonly verbose: boolean;
  readonly workerIndex: number;
  /** keep and ship every individual sample (a per-sample output such as json or csv is on) */
  readonly keepSamples: boolean;
  /** classic mode: the bundled VU-thread runtime and a connector port to the I/O thread */
  readonly classic?: { readonly runtime: VURuntime; readonly io: MessagePort; readonly scriptCache: Uint8Array | undefined };
}

export interface ScenarioProgress {
  readonly name: string;
  readonly progress: number;
  readonly active: number;
  readonly held: number;
  readonly started: number;
}

export interface Report {
  readonly metrics: StoreSnapshot;
  readonly groups: GroupSnapshot;
  readonly scenarios: ScenarioProgress[];
  readonly vusActive: number;
  readonly vusInitialized: number;
  readonly iterationsCompleted: number;
  readonly iterationsInterrupted: number;
  /** this worker's event-loop delay since the test started (for the saturation guard) */
  readonly eventLoopDelay: LoopDelayTotals;
}

export type ToWorker = { type: 'start'; startEpochMs: number; setupDataJson: string | undefined } | { type: 'stop' };

export type FromWorker =
  | { type: 'ready'; vusInitialized: number }
  | { type: 'error'; message: string; exitCode: ExitCodeValue }
  | { type: 'report'; report: Report }
  | { type: 'abort'; reason: string; exitCode: ExitCodeValue }
  | { type: 'fail'; reason: string }
  | { type: 'warn'; key: string; message: string }
  | { type: 'done'; report: Report };
