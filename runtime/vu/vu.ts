/**
 * A virtual user: its own init context (module-level state and module instances), its tags,
 * and the iteration loop body. Many VUs share one thread in async mode.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MetricDef, MetricType, Tags, ValueType } from '../metrics/metric.ts';
import type { Series } from '../metrics/store.ts';
import { ExitCode, StreamprobeError } from '../errors.ts';
import { createModule } from '../modules/registry.ts';
import type { ScriptInstance } from '../loader/compile.ts';
import { describeError } from '../loader/source-map.ts';
import type { Logger, VUPhase } from '../vu-context/context.ts';
import type { CoreModuleVU } from '../vu-context/core-module-vu.ts';
import type { ThreadHost } from './host.ts';
import { TestAbortError } from '../vu-context/test-abort-error.ts';
import type { IterationStart, ScenarioState } from '../vu-context/scenario-state.ts';
import { VUTimers } from './timers.ts';
import { scriptConsole } from './console.ts';

const neverAborted = new AbortController().signal;

/** What an interrupted iteration's k6 calls return: a promise that never settles, so the code after them never runs. */
const stalled = <T>(): Promise<T> => new Promise<T>(() => {});

/** A promise returned by setup() or teardown() rejected (k6 exits 255 then, 107 for a synchronous throw). */
export class LifecycleRejection extends Error {
  constructor(readonly reason: unknown) {
    super('rejected');
  }
}

export type IterationOutcome = 'complete' | 'interrupted';

export class VU implements CoreModuleVU {
  phase: VUPhase = 'init';
  readonly env: Record<string, string>;
  readonly scriptPath: string;
  readonly log: Logger;
  /** exec.vu.metrics.tags: a proxy so writes invalidate the cached tag set */
  readonly dynamicTags: Record<string, string>;
  readonly metadata: Record<string, string> = {};

  scenario: ScenarioState | undefined;
  iterationStart: IterationStart | undefined;
  /** __ITER: per VU, across scenarios; -1 before the first iteration */
  iterationInInstance = -1;
  iterationInScenario = -1;
  groupPath = '';

  private instance!: ScriptInstance;
  private readonly modules = new Map<string, unknown>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly timers: VUTimers;
  private running = false;
  private interrupted = false;
  /** bumped by every interrupt: a k6 call started before it never resumes the interrupted code */
  private interruptions = 0;
  /** since the last interrupt: what the interrupted code still records is dropped (k6 pushes no samples after it) */
  private discarding = false;
  /** a script function is running synchronously (init, an iteration or a lifecycle call, up to its first await) */
  private calling = false;
  /** the first promise-returning call made while `calling` (see call()) */
  private unawaitedCall: string | undefined;
  /** rejects the wait of the current iteration; a fresh closure per wait (racing one long-lived promise leaks) */
  private onInterrupt: ((err: Error) => void) | undefined;
  /** created on first use in a run, for modules that pass it to their I/O */
  private controller: AbortController | undefined;
  private tags: Tags | undefined;
  private readonly series = new Map<MetricDef, Series>();
  /** series of frozen extra-tag objects (see VUContext.emit), reset with the VU's tags */
  private taggedSeries = new WeakMap<Tags, Map<MetricDef, Series>>();
  private setupData: { parsed: boolean; value: unknown } = { parsed: false, value: undefined };
  private scenarioEnvFor: ScenarioState | undefined;

  constructor(
    readonly host: ThreadHost,
    readonly id: number,
    readonly idInTest: number,
  ) {
    this.env = { ...host.baseEnv };
    this.scriptPath = host.scriptPath;
    this.log = host.log;
    this.timers = new VUTimers((p) => this.track(p));
    this.dynamicTags = new Proxy({} as Record<string, string>, {
      set: (t, k, v) => {
        if (typeof v === 'object' && v !== null) {
          this.log.warn(`exec.vu.metrics.tags: the value of tag "${String(k)}" must be a string, number or boolean`);
          return true;
        }
        t[k as string] = String(v);
        this.invalidateTags();
        return true;
      },
      deleteProperty: (t, k) => {
        delete t[k as string];
        this.invalidateTags();
        return true;
      },
    });
  }

  get shared() {
    return this.host.shared;
  }

  get signal(): AbortSignal {
    if (!this.running) return neverAborted;
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  get exports(): Record<string, unknown> {
    return this.instance.exports;
  }

  /** Runs the script's init context for this VU. Throws StreamprobeError(107) naming the line. */
  init(): void {
    this.phase = 'init';
    try {
      const globals = {
        require: (s: string) => this.require(s),
        open: (f: string, mode?: string) => this.open(f, mode),
        __ENV: this.env,
        __VU: this.id,
        ...this.timerFunctions(),
        console: scriptConsole(this.log),
      };
      this.instance = this.call(this.host.factory, globals, 'the init context') as ScriptInstance;
    } catch (err) {
      if (err instanceof StreamprobeError) throw err;
      throw new StreamprobeError(`the script threw in its init context: ${this.describe(err)}`, ExitCode.ScriptException, { cause: err });
    }
  }

  timerFunctions() {
    const t = this.timers;
    return { setTimeout: t.setTimeout, clearTimeout: t.clear, setInterval: t.setInterval, clearInterval: t.clear };
  }

  require(specifier: string): unknown {
    let mod = this.modules.get(specifier);
    if (mod === undefined) {
      mod = createModule(specifier, this);
      this.modules.set(specifier, mod);
    }
    return mod;
  }

  private open(file: string, mode?: string): string | ArrayBuffer {
    if (this.phase !== 'init') throw new Error('open() can only be called in the init context');
    const abs = path.resolve(path.dirname(this.scriptPath), file);
    let data = this.host.files.get(abs);
    if (!data) {
      try {
        data = readFileSync(abs);
      } catch {
        throw new Error(`open("${file}"): no such file (looked for ${abs})`);
      }
      this.host.files.set(abs, data);
    }
    if (mode === 'b') return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    return data.toString('utf8');
  }

  defineMetric(name: string, type: MetricType, contains: ValueType = 'default'): MetricDef {
    return this.host.registry.define(name, type, contains);
  }

  currentTags(): Tags {
    if (this.tags) return this.tags;
    const options = this.host.options;
    const system = options?.systemTags;
    const t: Record<string, string> = { ...(options?.tags ?? {}) };
    if (this.scenario) {
      Object.assign(t, this.scenario.config.tags);
      if (!system || system.includes('scenario')) t.scenario = this.scenario.config.name;
    }
    if (!system || system.includes('group')) t.group = this.groupPath;
    Object.assign(t, this.dynamicTags);
    this.tags = t;
    return t;
  }

  private invalidateTags(): void {
    this.tags = undefined;
    this.series.clear();
    this.taggedSeries = new WeakMap();
  }

  /** false after an interrupt until the VU starts its next iteration or call (see `discarding`) */
  get recording(): boolean {
    return !this.discarding;
  }

  emit(metric: MetricDef, value: number, tags?: Tags): void {
    if (this.discarding) return;
    let cache = this.series;
    if (tags) {
      if (!Object.isFrozen(tags)) {
        this.host.store.add(metric, { ...this.currentTags(), ...tags }, value);
        return;
      }
      cache = this.taggedSeries.get(tags) ?? new Map();
      this.taggedSeries.set(tags, cache);
    }
    let s = cache.get(metric);
    if (!s) {
      s = this.host.store.series(metric, tags ? { ...this.currentTags(), ...tags } : this.currentTags());
      cache.set(metric, s);
    }
    s.add(value);
  }

  track<T>(p: Promise<T>, call?: string): Promise<T> {
    this.pending.add(p);
    if (this.calling && call !== undefined) this.unawaitedCall ??= call;
    const at = this.interruptions;
    return p.then(
      (value) => {
        this.pending.delete(p);
        return at === this.interruptions ? value : stalled<T>();
      },
      (err) => {
        this.pending.delete(p);
        if (at === this.interruptions) throw err;
        return stalled<T>();
      },
    );
  }

  /**
   * Runs a script function. A k6/x/kafka call it makes synchronously whose promise the function cannot await (it
   * returns no promise itself: a classic synchronous xk6-kafka script) gets a one-time warning with the fix.
   */
  private call<A>(fn: (arg: A) => unknown, arg: A, where: string): unknown {
    this.unawaitedCall = undefined; // what a call that threw noted is not this call's
    this.calling = true;
    let result: unknown;
    try {
      result = fn(arg);
    } finally {
      this.calling = false;
    }
    const call = this.unawaitedCall;
    if (call !== undefined && !(result instanceof Promise)) this.host.warnOnce('unawaited-call', unawaitedCallWarning(call, where));
    return result;
  }

  setGroup(pathNow: string): void {
    this.groupPath = pathNow;
    this.invalidateTags();
  }

  enterScenario(s: ScenarioState): void {
    this.discarding = false;
    if (this.scenario === s) return;
    this.scenario = s;
    this.iterationInScenario = -1;
    if (this.scenarioEnvFor !== s) {
      for (const k of Object.keys(this.env)) if (!(k in this.host.baseEnv)) delete this.env[k];
      Object.assign(this.env, this.host.baseEnv, s.config.env);
      this.scenarioEnvFor = s;
    }
    this.invalidateTags();
  }

  /**
   * One iteration of the scenario's exec function. Exceptions are logged and the iteration
   * still counts as complete; an interrupted one emits no iteration metrics (k6's rules).
   */
  async runIteration(start: IterationStart, exec: string, defs: { iterations: MetricDef; duration: MetricDef }): Promise<IterationOutcome> {
    const host = this.host;
    this.iterationStart = start;
    this.iterationInInstance++;
    this.iterationInScenario++;
    this.instance.setIter(this.iterationInInstance);
    this.phase = 'iteration';
    this.running = true;
    this.discarding = false;
    const began = performance.now();
    try {
      const result = this.call(
        this.instance.exports[exec] as (data: unknown) => unknown,
        this.data(),
        exec === 'default' ? 'the default function' : `${exec}()`,
      );
      if (result instanceof Promise || this.pending.size > 0) await this.settle(result);
    } catch (err) {
      if (!this.interrupted) this.iterationError(err);
    }
    if (this.endRun()) {
      host.counters.iterationsInterrupted++;
      return 'interrupted';
    }
    const minMs = host.options?.minIterationDurationMs ?? 0;
    const took = performance.now() - began;
    this.emit(defs.iterations, 1);
    this.emit(defs.duration, took);
    host.counters.iterationsCompleted++;
    if (minMs > took) await new Promise((r) => setTimeout(r, minMs - took));
    return 'complete';
  }

  /** Waits for the iteration's promise and every tracked async call, or for an interrupt. */
  private settle(result: unknown): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.onInterrupt = reject;
      const drainPending = (): void => {
        if (this.pending.size === 0) resolve();
        else Promise.allSettled([...this.pending]).then(drainPending);
      };
      Promise.resolve(result).then(drainPending, reject);
    });
  }

  /** Ends the VU's current iteration or lifecycle call (gracefulStop, ramp-down, abort). */
  interrupt(reason = 'interrupted'): void {
    if (!this.running || this.interrupted) return;
    this.interrupted = true;
    this.interruptions++;
    this.discarding = true;
    this.timers.clearAll();
    const err = new Error(reason);
    this.controller?.abort(err);
    this.onInterrupt?.(err);
  }

  /** Clears the per-run state; true when the run was interrupted. */
  private endRun(): boolean {
    const interrupted = this.interrupted;
    this.running = false;
    this.interrupted = false;
    this.onInterrupt = undefined;
    this.controller = undefined;
    if (interrupted) this.pending.clear();
    return interrupted;
  }

  private iterationError(err: unknown): void {
    if (err instanceof TestAbortError) {
      this.host.abortTest(err.message, ExitCode.ScriptAborted);
      return;
    }
    if (err instanceof StreamprobeError && err.exitCode === ExitCode.SUTUnreachable) {
      this.host.abortTest(err.message, ExitCode.SUTUnreachable);
      return;
    }
    const where = this.scenario ? ` executor=${this.scenario.config.executor} scenario=${this.scenario.config.name}` : '';
    this.log.error(`${this.describe(err)}${where} source=stacktrace`);
  }

  /** The error's mapped stack (user's file:line), or its message. */
  describe(err: unknown): string {
    return describeError(err, this.host.mapStack, this.scriptPath);
  }

  /** setup() data: parsed once per VU, lazily, and shared by its iterations (k6's rule). */
  private data(): unknown {
    if (!this.setupData.parsed) {
      const json = this.host.setupDataJson;
      this.setupData = { parsed: true, value: json === undefined ? undefined : JSON.parse(json) };
    }
    return this.setupData.value;
  }

  /** setup/teardown/handleSummary: run with group `::<name>`, awaited with its tracked work. */
  async runLifecycle(name: 'setup' | 'teardown' | 'handleSummary', arg?: unknown): Promise<unknown> {
    const fn = this.instance.exports[name];
    if (typeof fn !== 'function') return undefined;
    this.phase = name === 'handleSummary' ? 'summary' : name;
    if (name !== 'handleSummary') this.setGroup(`::${name}`);
    this.running = true;
    this.discarding = false;
    try {
      let value = this.call(fn as (a: unknown) => unknown, arg, `${name}()`);
      if (value instanceof Promise) {
        const settled = value.then(
          (v) => ((value = v), undefined),
          (err) => Promise.reject(new LifecycleRejection(err)),
        );
        await this.settle(settled);
      } else await this.settle(undefined);
      return value;
    } finally {
      this.endRun();
      this.setGroup('');
    }
  }
}

function unawaitedCallWarning(call: string, where: string): string {
  const fix =
    where === 'the init context'
      ? 'move the call into an async setup() (or the iteration function) and await it there'
      : `make ${where} async and await the call`;
  return (
    `${call} was called without await in ${where}: in streamprobe's async mode k6/x/kafka calls return a Promise, ` +
    `not the value xk6-kafka returns in k6, so code that uses the result directly gets a Promise. Fix: ${fix} ` +
    `(real k6 runs the awaited form unchanged), or run the script as it is with --mode classic.`
  );
}
