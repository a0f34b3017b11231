/** The protocol between a scheduler thread and one classic VU's own thread. */
import type { MessagePort } from 'node:worker_threads';
import type { ExitCodeValue } from '../errors.ts';
import type { ScenarioBase } from '../executors/types.ts';
import type { ScriptBundle } from '../loader/bundle.ts';
import type { StoreSnapshot } from '../metrics/store.ts';
import type { ConsolidatedOptions } from '../options/types.ts';
import type { GroupSnapshot } from '../summary/groups.ts';
import type { IterationOutcome } from '../vu/vu.ts';
import type { IterationStart } from '../vu-context/scenario-state.ts';

export interface VUThreadInit {
  readonly bundle: ScriptBundle;
  readonly options: ConsolidatedOptions;
  readonly env: Record<string, string>;
  readonly id: number;
  readonly idInTest: number;
  readonly verbose: boolean;
  /** wake cells shared with the scheduler (interrupts) and the I/O thread (replies) */
  readonly cells: Int32Array;
  /** this VU's port to the I/O thread */
  readonly port: MessagePort;
  /** the script's V8 code cache, compiled once on the main thread */
  readonly scriptCache: Uint8Array | undefined;
}

export interface MetricsDelta {
  readonly metrics: StoreSnapshot;
  readonly groups: GroupSnapshot;
}

export type ToVUThread =
  | {
      type: 'iterate';
      start: IterationStart;
      exec: string;
      scenario: { config: ScenarioBase; startEpochMs: number; progress: number };
      /** sent with the VU's first iteration */
      test?: { startEpochMs: number; setupDataJson: string | undefined };
    }
  | { type: 'stop' };

export type FromVUThread =
  | { type: 'ready'; exports: string[] }
  | { type: 'error'; message: string; exitCode: ExitCodeValue }
  | { type: 'done'; outcome: IterationOutcome; delta?: MetricsDelta }
  | { type: 'final'; delta: MetricsDelta }
  | { type: 'abort'; reason: string; exitCode: ExitCodeValue }
  | { type: 'fail'; reason: string }
  | { type: 'warn'; key: string; message: string };
