/**
 * The scheduler's side of a classic VU. To the executors' drivers it is a VU like any other:
 * its iteration is a promise that resolves when the VU's own thread reports the iteration done,
 * and interrupt() wakes the thread out of a blocking call. Scenario, tags and the lag metric stay
 * here; the script, its metrics and its checks live on the thread and arrive as deltas.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { ExitCode, StreamprobeError } from '../errors.ts';
import type { ScriptBundle } from '../loader/bundle.ts';
import type { MetricDef } from '../metrics/metric.ts';
import type { ConsolidatedOptions } from '../options/types.ts';
import type { ThreadHost } from '../vu/host.ts';
import type { IterationStart } from '../vu-context/scenario-state.ts';
import { VU, type IterationOutcome } from '../vu/vu.ts';
import type { AttachMessage } from './io-protocol.ts';
import type { FromVUThread, MetricsDelta, ToVUThread, VUThreadInit } from './vu-messages.ts';
import { VU_THREAD_LIMITS } from './vu-resources.ts';
import { VU_THREAD_LOADER, type VURuntime } from './vu-thread-loader.ts';
import { clearInterrupt, raiseInterrupt, wakeCells } from './wake-cells.ts';

/** How long a VU thread has to send its last metrics when the test ends. */
const STOP_GRACE_MS = 5000;

/** What every classic VU of a scheduler thread is started with. */
export interface ClassicSettings {
  /** the bundled VU-thread runtime */
  readonly runtime: VURuntime;
  /** the script's V8 code cache */
  readonly scriptCache: Uint8Array | undefined;
  readonly bundle: ScriptBundle;
  readonly options: ConsolidatedOptions;
  readonly env: Record<string, string>;
  readonly verbose: boolean;
  /** the connector port to the process's I/O thread */
  readonly io: MessagePort;
}

/** The classic VUs of one scheduler thread: created by its pool, ready together, stopped together. */
export class ClassicVUs {
  private readonly all: ClassicVU[] = [];

  constructor(private readonly settings: ClassicSettings) {}

  create(host: ThreadHost, id: number, idInTest: number): ClassicVU {
    const vu = new ClassicVU(host, id, idInTest, this.settings);
    this.all.push(vu);
    return vu;
  }

  /** Resolves when every VU made so far ran its init context; rejects with the first failure. */
  async ready(): Promise<void> {
    await Promise.all(this.all.map((vu) => vu.ready));
  }

  /** Ends the VU threads, with their last metrics merged into the scheduler's store. */
  async stop(): Promise<void> {
    await Promise.allSettled(this.all.map((vu) => vu.stop()));
  }
}

export class ClassicVU extends VU {
  readonly ready: Promise<void>;
  private thread!: Worker;
  private readonly cells = wakeCells();
  private names: Record<string, unknown> = {};
  private finish: ((outcome: IterationOutcome) => void) | undefined;
  private testSent = false;
  private ended = false;
  private onEnd: (() => void) | undefined;
  private readonly onReady: () => void;
  private readonly onFailure: (err: Error) => void;

  constructor(
    host: ThreadHost,
    id: number,
    idInTest: number,
    private readonly settings: ClassicSettings,
  ) {
    super(host, id, idInTest);
    let ready!: () => void;
    let failed!: (err: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => ((ready = resolve), (failed = reject)));
    this.ready.catch(() => {});
    this.onReady = ready;
    this.onFailure = failed;
  }

  /** Starts the VU's thread, which runs the init context; `ready` settles when it has. */
  override init(): void {
    const s = this.settings;
    const { port1, port2 } = new MessageChannel();
    const attach: AttachMessage = {
      type: 'attach',
      port: port2,
      cells: this.cells,
      vu: { id: this.id, idInTest: this.idInTest, env: s.env, scriptPath: s.bundle.scriptPath },
    };
    s.io.postMessage(attach, [port2]);
    const init: VUThreadInit = {
      bundle: s.bundle,
      options: s.options,
      env: s.env,
      id: this.id,
      idInTest: this.idInTest,
      verbose: s.verbose,
      cells: this.cells,
      port: port1,
      scriptCache: s.scriptCache,
    };
    this.thread = new Worker(VU_THREAD_LOADER, {
      eval: true,
      argv: [s.runtime.file, s.runtime.cacheFile],
      workerData: init,
      transferList: [port1],
      resourceLimits: VU_THREAD_LIMITS,
      stdout: false,
      stderr: false,
    });
    this.thread.on('message', (m: FromVUThread) => this.receive(m));
    this.thread.on('error', (err) => this.crashed(err));
    this.thread.on('exit', () => this.crashed(new Error('the VU thread ended')));
  }

  override get exports(): Record<string, unknown> {
    return this.names;
  }

  override async runIteration(
    start: IterationStart,
    exec: string,
    _defs: { iterations: MetricDef; duration: MetricDef },
  ): Promise<IterationOutcome> {
    await this.ready;
    if (this.ended) return 'interrupted';
    const host = this.host;
    const scenario = this.scenario!;
    clearInterrupt(this.cells);
    const outcome = new Promise<IterationOutcome>((resolve) => (this.finish = resolve));
    const test = this.testSent ? undefined : { startEpochMs: host.testStartEpochMs, setupDataJson: host.setupDataJson };
    this.testSent = true;
    this.send({
      type: 'iterate',
      start,
      exec,
      scenario: { config: scenario.config, startEpochMs: scenario.startEpochMs, progress: scenario.progress() },
      test,
    });
    const result = await outcome;
    if (result === 'complete') host.counters.iterationsCompleted++;
    else host.counters.iterationsInterrupted++;
    return result;
  }

  /** Wakes the VU's thread out of a blocking call or sleep(): the iteration stops there. */
  override interrupt(): void {
    if (this.finish) raiseInterrupt(this.cells);
  }

  /** Asks the thread for its last metrics and ends it; a thread still busy (a script in a busy loop) is ended anyway. */
  stop(): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.ended = true;
        void this.thread.terminate().then(() => resolve());
      }, STOP_GRACE_MS);
      this.onEnd = () => {
        clearTimeout(timer);
        resolve();
      };
      this.send({ type: 'stop' });
    });
  }

  private receive(m: FromVUThread): void {
    switch (m.type) {
      case 'ready':
        this.names = Object.fromEntries(m.exports.map((name) => [name, () => {}]));
        this.onReady();
        break;
      case 'error':
        this.ended = true;
        this.onFailure(new StreamprobeError(m.message, m.exitCode));
        break;
      case 'done': {
        if (m.delta) this.merge(m.delta);
        const finish = this.finish;
        this.finish = undefined;
        finish?.(m.outcome);
        break;
      }
      case 'final':
        this.merge(m.delta);
        this.ended = true;
        void this.thread.terminate().then(() => this.onEnd?.());
        break;
      case 'abort':
        this.host.abortTest(m.reason, m.exitCode);
        break;
      case 'fail':
        this.host.markFailed(m.reason);
        break;
      case 'warn':
        this.host.warnOnce(m.key, m.message);
        break;
    }
  }

  private merge(delta: MetricsDelta): void {
    this.host.store.merge(delta.metrics);
    this.host.groups.merge(delta.groups);
  }

  private crashed(err: Error): void {
    if (this.ended) return;
    this.ended = true;
    const failure = new StreamprobeError(`VU ${this.id}'s thread ended unexpectedly: ${err.message}`, ExitCode.ScriptException);
    this.onFailure(failure);
    this.host.abortTest(failure.message, ExitCode.ScriptException);
    this.finish?.('interrupted');
    this.finish = undefined;
    this.onEnd?.();
  }

  private send(m: ToVUThread): void {
    this.thread.postMessage(m);
  }
}
