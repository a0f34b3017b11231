/** setup(), teardown() and handleSummary() on the main thread, each in a fresh VU 0 with its timeout. */
import { ExitCode, StreamprobeError, type ExitCodeValue } from '../errors.ts';
import type { ThreadHost } from '../vu/host.ts';
import { TestAbortError } from '../vu-context/test-abort-error.ts';
import { LifecycleRejection, VU } from '../vu/vu.ts';

type Stage = 'setup' | 'teardown' | 'handleSummary';

const TIMEOUT_CODE: Record<Stage, ExitCodeValue> = {
  setup: ExitCode.SetupTimeout,
  teardown: ExitCode.TeardownTimeout,
  handleSummary: ExitCode.GenericTimeout,
};

/**
 * Runs `stage` if the script exports it; `{ ran: false }` when it does not. It ends at its timeout, or when `stop`
 * aborts while it runs (a signal), rejecting with the abort's reason; either way its VU is interrupted.
 */
export async function runStage(
  host: ThreadHost,
  stage: Stage,
  arg: unknown,
  timeoutMs: number,
  stop?: AbortSignal,
): Promise<{ ran: boolean; value?: unknown }> {
  const vu = new VU(host, 0, 0);
  vu.init();
  if (typeof vu.exports[stage] !== 'function') return { ran: false };
  let timer: NodeJS.Timeout | undefined;
  let onStop: (() => void) | undefined;
  const cut = new Promise<never>((_, reject) => {
    const end = (err: StreamprobeError) => {
      vu.interrupt(err.message);
      reject(err);
    };
    timer = setTimeout(
      () =>
        end(
          new StreamprobeError(
            `${stage}() execution timed out after ${timeoutMs / 1000}s; raise ${stage}Timeout in options if it needs longer`,
            TIMEOUT_CODE[stage],
          ),
        ),
      timeoutMs,
    );
    if (stop && !stop.aborted) stop.addEventListener('abort', (onStop = () => end(stop.reason as StreamprobeError)), { once: true });
  });
  try {
    const value = await Promise.race([vu.runLifecycle(stage, arg), cut]);
    return { ran: true, value };
  } catch (err) {
    throw stageError(stage, err, vu);
  } finally {
    clearTimeout(timer);
    if (onStop) stop!.removeEventListener('abort', onStop);
  }
}

/** k6's exit code for a stage that failed: a thrown exception is a script error (107); a rejected promise has none (255). */
function stageError(stage: Stage, err: unknown, vu: VU): StreamprobeError {
  if (err instanceof StreamprobeError) return err; // a timeout, a signal
  const rejected = err instanceof LifecycleRejection;
  const cause = rejected ? err.reason : err;
  if (cause instanceof StreamprobeError) return cause; // e.g. the brokers could not be reached (111)
  if (cause instanceof TestAbortError) return new StreamprobeError(cause.message, ExitCode.ScriptAborted);
  const code = rejected && stage !== 'handleSummary' ? ExitCode.Generic : ExitCode.ScriptException;
  return new StreamprobeError(`${stage}() failed: ${vu.describe(cause)}`, code, { cause });
}

/** setup()'s result crosses threads as JSON, exactly as in k6 (Dates become strings, functions vanish). */
export function setupDataToJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    return JSON.stringify(value);
  } catch (err) {
    throw new StreamprobeError(`error marshaling setup() data to JSON: ${(err as Error).message}`, ExitCode.ScriptException);
  }
}
