/**
 * Classic mode for one `streamprobe run` on the main thread: picks the mode, starts the I/O
 * threads when classic, gives the main thread's VUs (options pass, setup, teardown,
 * handleSummary) blocking modules, and gives scheduler workers what their VU threads need.
 */
import { availableParallelism } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import type { ScriptBundle } from '../loader/bundle.ts';
import { compileScript } from '../loader/compile.ts';
import { overrideModules } from '../modules/registry.ts';
import { IoLink } from './io-link.ts';
import { BLOCKING_MODULES, modeFromBundle, modeFromExports, type ModeFlag, type RunMode } from './mode.ts';
import { buildVURuntime } from './vu-runtime.ts';
import type { VURuntime } from './vu-thread-loader.ts';

/** I/O threads: `--workers` of them, or one per core as async mode's workers, at most MAX_IO_THREADS (each holds its own Kafka clients). */
const MAX_IO_THREADS = 4;
const ioThreads = (workers: number) => (workers > 0 ? workers : Math.min(availableParallelism(), MAX_IO_THREADS));

export class ClassicSession {
  private io: IoLink | undefined;
  private restore: (() => void) | undefined;
  private runtime: Promise<VURuntime> | undefined;

  private constructor(
    private readonly flag: ModeFlag,
    private readonly bundle: ScriptBundle,
    private readonly verbose: boolean,
    private readonly workers: number,
    public mode: RunMode,
  ) {}

  /** Before the options pass, whose init context must already see the mode's modules. */
  static async open(flag: ModeFlag, bundle: ScriptBundle, verbose: boolean, workers = 0): Promise<ClassicSession> {
    const session = new ClassicSession(flag, bundle, verbose, workers, modeFromBundle(flag, bundle.code));
    if (session.mode === 'classic') await session.start();
    return session;
  }

  /** After the options pass: the mode from the script's real iteration functions. */
  async settle(exports: Record<string, unknown>, execs: readonly string[]): Promise<RunMode> {
    const mode = modeFromExports(this.flag, this.bundle.code, exports, execs);
    if (mode === this.mode) return mode;
    this.mode = mode;
    if (mode === 'classic') await this.start();
    else await this.close();
    return mode;
  }

  /** For a scheduler worker's WorkerInit.classic. */
  async workerSettings(): Promise<{ runtime: VURuntime; io: MessagePort; scriptCache: Uint8Array | undefined } | undefined> {
    if (this.mode !== 'classic' || !this.io) return undefined;
    // the script compiled once here; every VU thread starts from its code cache
    const scriptCache = compileScript(this.bundle, { produce: true }).cachedData;
    return { runtime: await this.runtime!, io: this.io.connector(), scriptCache };
  }

  async close(): Promise<void> {
    this.restore?.();
    this.restore = undefined;
    const io = this.io;
    this.io = undefined;
    await io?.close();
  }

  private async start(): Promise<void> {
    this.runtime = buildVURuntime();
    const modules = BLOCKING_MODULES.filter((m) => this.bundle.code.includes(`require("${m}")`));
    this.io = await IoLink.start(modules, this.verbose, ioThreads(this.workers));
    const client = this.io.attach({ id: 0, idInTest: 0, env: {}, scriptPath: this.bundle.scriptPath });
    // loaded only for classic runs: it brings the Kafka serde (avsc, ajv) to the main thread
    const { classicModules } = await import('./classic-modules.ts');
    this.restore = overrideModules(classicModules(client));
  }
}
