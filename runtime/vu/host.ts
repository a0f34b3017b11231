/**
 * What a VU needs from the thread that runs it (a worker, or the main thread for the options
 * pass, setup, teardown and handleSummary). One host per thread; many VUs share it.
 */
import type { MetricRegistry } from '../metrics/registry.ts';
import type { ScriptFactory } from '../loader/compile.ts';
import type { StackMapper } from '../loader/source-map.ts';
import type { ExitCodeValue } from '../errors.ts';
import type { Logger, SharedResources } from '../vu-context/context.ts';
import type { ModuleHost } from '../vu-context/core-module-vu.ts';

export interface ThreadHost extends ModuleHost {
  readonly scriptPath: string;
  readonly factory: ScriptFactory;
  readonly mapStack: StackMapper;
  readonly registry: MetricRegistry;
  readonly shared: SharedResources;
  readonly log: Logger;
  /** the test's __ENV before scenario env (system env if included, then -e) */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** JSON text of setup()'s result, or undefined */
  setupDataJson: string | undefined;
  /** open() cache: one read per file per thread */
  readonly files: Map<string, Buffer>;
  abortTest(reason: string, exitCode: ExitCodeValue): void;
  /** logs `message` once per run for `key`, however many VUs and threads hit it */
  warnOnce(key: string, message: string): void;
  /** the test was aborted or is stopping: VUs start no new iterations */
  readonly stopping: boolean;
}
