/**
 * What a module implementation (runtime/modules/**) sees of the VU that imported it. The modules are written
 * against it and vu/vu.ts implements it, so modules never import vu/ (core-module-vu.ts adds what the k6 core
 * modules read). Each VU gets its own module instances (as in k6); `shared` is per worker thread.
 */
import type { MetricDef, MetricType, Tags, ValueType } from '../metrics/metric.ts';

export type VUPhase = 'init' | 'setup' | 'iteration' | 'teardown' | 'summary';

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** Resources that all VUs of one worker thread share, closed once when the worker ends. */
export interface SharedResources {
  get<T>(key: string, create: () => T, close?: (value: T) => void | Promise<void>): T;
}

export interface VUContext {
  /** __VU: 1-based; 0 for the options pass, setup, teardown and handleSummary */
  readonly id: number;
  /** exec.vu.idInTest: unique across execution segments */
  readonly idInTest: number;
  readonly phase: VUPhase;
  /** __ENV as this VU sees it now (scenario env applied during its iterations) */
  readonly env: Readonly<Record<string, string>>;
  /** absolute path of the script, to resolve open() and relative files */
  readonly scriptPath: string;
  readonly log: Logger;
  readonly shared: SharedResources;
  /** aborted when the current iteration is interrupted (gracefulStop, abort): stop waiting */
  readonly signal: AbortSignal;

  /** k6's registry semantics: same name and type returns the same metric; otherwise throws */
  defineMetric(name: string, type: MetricType, contains?: ValueType): MetricDef;
  /**
   * One sample, tagged with the VU's current tags merged with `tags`. A frozen `tags` object is
   * remembered: passing the same one again skips building the tag set (use it on hot paths).
   */
  emit(metric: MetricDef, value: number, tags?: Tags): void;
  /** the VU's current tags (test-wide, scenario, group, exec.vu.metrics.tags) */
  currentTags(): Tags;
  /**
   * Registers async work with the running iteration: the iteration ends only when
   * all tracked promises have settled (k6's event loop semantics). Returns a promise that settles as `p` does,
   * unless the iteration was interrupted meanwhile: then it never settles, so the interrupted code stops there (k6).
   * `call` names a script-facing call (`"produce()"`) that a synchronous script function would use without await.
   */
  track<T>(p: Promise<T>, call?: string): Promise<T>;
}
