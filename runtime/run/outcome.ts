/** How a run ends: the first abort wins, then failed thresholds, then exec.test.fail() (k6's precedence). */
import { ExitCode, StreamprobeError, type ExitCodeValue } from '../errors.ts';
import type { ThresholdsEvaluation } from '../thresholds/evaluate.ts';

export interface RunAbort {
  readonly reason: string;
  readonly exitCode: ExitCodeValue;
}

export class RunOutcome {
  private first: RunAbort | undefined;
  private failed = false;
  private readonly controller = new AbortController();
  /** aborted by the first abort, with a StreamprobeError carrying its reason and exit code */
  readonly aborted: AbortSignal = this.controller.signal;

  abort(reason: string, exitCode: ExitCodeValue): void {
    if (this.first) return;
    this.first = { reason, exitCode };
    this.controller.abort(new StreamprobeError(reason, exitCode));
  }

  fail(): void {
    this.failed = true;
  }

  get abortedBy(): RunAbort | undefined {
    return this.first;
  }

  /** Resolves at the abort (never, for a run that is not aborted). */
  whenAborted(): Promise<void> {
    return new Promise((resolve) => {
      if (this.aborted.aborted) resolve();
      else this.aborted.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  exitCode(evaluation: ThresholdsEvaluation | undefined): ExitCodeValue {
    if (this.first) return this.first.exitCode;
    if (evaluation && !evaluation.ok) return ExitCode.ThresholdsHaveFailed;
    if (this.failed) return ExitCode.MarkedAsFailed;
    return ExitCode.OK;
  }
}

/** The (sub-)metrics with a failed threshold, sorted as k6 lists them. */
export function crossedThresholds(evaluation: ThresholdsEvaluation): string[] {
  return Object.entries(evaluation.results)
    .filter(([, outcomes]) => Object.values(outcomes).some((o) => !o.ok))
    .map(([name]) => name)
    .sort();
}

/** k6's end-of-test error line, or undefined when every threshold passed. */
export function crossedThresholdsMessage(evaluation: ThresholdsEvaluation): string | undefined {
  const names = crossedThresholds(evaluation);
  return names.length > 0 ? `thresholds on metrics '${names.join(', ')}' have been crossed` : undefined;
}
