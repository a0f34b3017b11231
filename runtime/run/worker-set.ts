/** The worker threads of one test run, and the messages between them and the main thread. */
import { Worker } from 'node:worker_threads';
import { ExitCode, StreamprobeError } from '../errors.ts';
import { settlesWithin } from '../timing/settles-within.ts';
import type { FromWorker, Report, ToWorker, WorkerInit } from '../worker/messages.ts';

/**
 * Load generators allocate fast (a record batch every millisecond): with V8's default young generation
 * the scavenges come so often that arrival-rate starts stall and drop. Measured at 150,000 events/s
 * (bench/RESULTS.md): 31–106 dropped iterations by default, none at 64–96 MB.
 */
const YOUNG_GENERATION_MB = 96;
/** A worker that ended its run exits by itself once its last log lines are delivered; this long at most. */
const EXIT_GRACE_MS = 1000;

export interface WorkerEvents {
  report(index: number, report: Report): void;
  abort(reason: string, exitCode: number): void;
  fail(reason: string): void;
  warnOnce(key: string, message: string): void;
}

export class WorkerSet {
  private readonly workers: Worker[];
  private readonly done: Promise<void>[];
  private readonly exited: Promise<void>[];
  private readonly ready = new Map<number, () => void>();
  private readonly failed: ((e: Error) => void)[] = [];

  constructor(
    inits: WorkerInit[],
    private readonly events: WorkerEvents,
  ) {
    const url = new URL('../worker/bootstrap.mjs', import.meta.url);
    this.workers = inits.map(
      (init) =>
        new Worker(url, {
          workerData: init,
          transferList: init.classic ? [init.classic.io] : undefined,
          stdout: false,
          stderr: false,
          resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
        }),
    );
    this.done = this.workers.map((w, i) => this.watch(w, i));
    this.exited = this.workers.map((w) => new Promise<void>((resolve) => w.once('exit', () => resolve())));
  }

  private watch(worker: Worker, index: number): Promise<void> {
    return new Promise<void>((resolve) => {
      worker.on('message', (m: FromWorker) => {
        switch (m.type) {
          case 'ready':
            this.ready.get(index)?.();
            break;
          case 'error':
            for (const f of this.failed) f(new StreamprobeError(m.message, m.exitCode));
            resolve();
            break;
          case 'report':
            this.events.report(index, m.report);
            break;
          case 'done':
            this.events.report(index, m.report);
            resolve();
            break;
          case 'abort':
            this.events.abort(m.reason, m.exitCode);
            break;
          case 'fail':
            this.events.fail(m.reason);
            break;
          case 'warn':
            this.events.warnOnce(m.key, m.message);
            break;
        }
      });
      worker.on('error', (err) => {
        for (const f of this.failed) f(new StreamprobeError(`a worker thread crashed: ${err.stack ?? err}`, ExitCode.ScriptException));
        resolve();
      });
      worker.on('exit', () => resolve());
    });
  }

  /** Resolves when every worker initialised its VUs; rejects with the first worker's error. */
  whenReady(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let left = this.workers.length;
      this.failed.push(reject);
      this.workers.forEach((_, i) => this.ready.set(i, () => --left === 0 && resolve()));
    });
  }

  send(m: ToWorker): void {
    for (const w of this.workers) w.postMessage(m);
  }

  /** Resolves when every worker has sent its final report or ended. */
  async allDone(): Promise<void> {
    await Promise.all(this.done);
  }

  /**
   * Asks every worker to stop (their iterations are interrupted, their clients closed) and terminates those still
   * running after `graceMs`, whatever their script left open. Workers that ended are left to exit by themselves
   * first: terminating one would drop the log lines it has not delivered yet.
   */
  async stop(graceMs: number): Promise<void> {
    this.send({ type: 'stop' });
    await settlesWithin(this.allDone(), graceMs);
    await settlesWithin(Promise.all(this.exited), EXIT_GRACE_MS);
    await this.terminate();
  }

  private async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
