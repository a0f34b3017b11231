/** k6's exit codes (errext/exitcodes), plus streamprobe's own: an unreachable system under test, an inconclusive run. */
export const ExitCode = {
  OK: 0,
  CloudTestRunFailed: 97,
  ThresholdsHaveFailed: 99,
  SetupTimeout: 100,
  TeardownTimeout: 101,
  GenericTimeout: 102,
  InvalidConfig: 104,
  ExternalAbort: 105,
  ScriptException: 107,
  ScriptAborted: 108,
  MarkedAsFailed: 110,
  /** streamprobe only: the system under test (e.g. the Kafka brokers) could not be reached. */
  SUTUnreachable: 111,
  /** streamprobe only: the load generator itself was saturated, so the result says nothing about the system under test. */
  Inconclusive: 112,
  /** k6 exits with -1 (255) for errors without an attached code: unknown flag, missing script. */
  Generic: 255,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error a user can cause: its message names the thing and the fix; it carries the exit code. */
export class StreamprobeError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StreamprobeError';
  }
}

export class ConfigError extends StreamprobeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.InvalidConfig, options);
    this.name = 'ConfigError';
  }
}

export class SUTUnreachableError extends StreamprobeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.SUTUnreachable, options);
    this.name = 'SUTUnreachableError';
  }
}
