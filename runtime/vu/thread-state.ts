/**
 * The state one thread's VUs share (metric registry and store, group tree, pooled clients, counters): the ThreadHost
 * that a worker, a classic VU thread and the main thread (options pass, setup, teardown, handleSummary) each make once.
 */
import { defineBuiltinMetrics } from '../metrics/builtin.ts';
import { MetricRegistry } from '../metrics/registry.ts';
import { MetricStore } from '../metrics/store.ts';
import { GroupTree } from '../summary/groups.ts';
import type { ScriptFactory } from '../loader/compile.ts';
import type { StackMapper } from '../loader/source-map.ts';
import type { ConsolidatedOptions } from '../options/types.ts';
import type { ExitCodeValue } from '../errors.ts';
import type { Logger } from '../vu-context/context.ts';
import type { ExecutionCounters } from '../vu-context/core-module-vu.ts';
import type { ThreadHost } from './host.ts';
import { SharedResourcePool } from './shared-resources.ts';

export interface HostEvents {
  abort(reason: string, exitCode: ExitCodeValue): void;
  fail(reason: string): void;
  /** a warning to show once per run: the main thread drops repeats from other threads */
  warnOnce(key: string, message: string): void;
}

export class ThreadState implements ThreadHost {
  readonly registry = new MetricRegistry();
  readonly store = new MetricStore();
  readonly groups = new GroupTree();
  readonly shared = new SharedResourcePool();
  readonly counters: ExecutionCounters = { iterationsCompleted: 0, iterationsInterrupted: 0, vusActive: 0, vusInitialized: 0 };
  readonly sharedArrays = new Map<string, string>();
  readonly files = new Map<string, Buffer>();
  testStartEpochMs = 0;
  setupDataJson: string | undefined;
  stopping = false;
  private readonly warned = new Set<string>();

  constructor(
    readonly scriptPath: string,
    readonly factory: ScriptFactory,
    readonly mapStack: StackMapper,
    readonly log: Logger,
    readonly baseEnv: Readonly<Record<string, string>>,
    public options: ConsolidatedOptions | undefined,
    private readonly events: HostEvents,
  ) {
    defineBuiltinMetrics(this.registry);
  }

  abortTest(reason: string, exitCode: ExitCodeValue): void {
    if (this.stopping) return;
    this.stopping = true;
    this.events.abort(reason, exitCode);
  }

  markFailed(reason: string): void {
    this.events.fail(reason);
  }

  warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.events.warnOnce(key, message);
  }
}
