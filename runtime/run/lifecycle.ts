/** setup(), teardown() and handleSummary() on the main thread, each in a fresh VU 0 with its timeout. */
import { ExitCode, StreamprobeError, type ExitCodeValue } from '../errors.ts';
import type { ThreadHost } from '../vu/host.ts';
import { VU } from '../vu/vu.ts';

type Stage = 'setup' | 'teardown' | 'handleSummary';

const TIMEOUT_CODE: Record<Stage, ExitCodeValue> = {
  setup: ExitCode.SetupTimeout,
  teardown: ExitCode.TeardownTimeout,
  handleSummary: ExitCode.GenericTimeout,
};

/** Runs `stage` if the script exports it; `{ ran: false }` when it does not. */
export async function runStage(host: ThreadHost, stage: Stage, arg: unknown, timeoutMs: number): Promise<{ ran: boolean; value?: unknown }> {
  const vu = new VU(host, 0, 0);
  vu.init();
  if (typeof vu.exports[stage] !== 'function') return { ran: false };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      vu.interrupt(`${stage}() timed out`);
      reject(new StreamprobeError(`${stage}() execution timed out after ${timeoutMs / 1000}s; raise ${stage}Timeout in options if it needs longer`, TIMEOUT_CODE[stage]));
    }, timeoutMs);
  });
  try {
    const value = await Promise.race([vu.runLifecycle(stage, arg), timeout]);
    return { ran: true, value };
  } catch (err) {
    if (err instanceof StreamprobeError) throw err;
    throw new StreamprobeError(`${stage}() failed: ${vu.describe(err)}`, ExitCode.ScriptException, { cause: err });
  } finally {
    clearTimeout(timer);
  }
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
