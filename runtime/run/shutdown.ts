/**
 * The end of a run, however it comes (normal end, abort, signal, error): one owner closes what the run opened within
 * a bounded grace, and the process exits with its code whatever the script left open (clients, timers, promises).
 */
import { settlesWithin } from '../timing/settles-within.ts';
import type { Logger } from '../vu-context/context.ts';

/** At most this long for stdout and stderr to drain before the process exits. */
const FLUSH_MS = 2000;

export class Shutdown {
  private readonly closers: (() => Promise<unknown>)[] = [];
  private closing: Promise<void> | undefined;

  constructor(private readonly log: Logger) {}

  /** Registers something to close when the run ends (closers run together, each with its own bound). */
  onEnd(close: () => Promise<unknown>): void {
    this.closers.push(close);
  }

  /** Runs every closer once, giving up after `graceMs`; later calls wait for the same closing. */
  close(graceMs: number): Promise<void> {
    this.closing ??= settlesWithin(Promise.allSettled(this.closers.map((c) => c())), graceMs).then((done) => {
      if (!done) this.log.warn(`clients still closing after ${graceMs / 1000}s; exiting without waiting for them`);
    });
    return this.closing;
  }
}

/**
 * SIGINT and SIGTERM as in k6: the first stops the run (its teardown and summary still run), a second one ends the
 * process at once. Returns the function that removes the handlers.
 */
export function trapSignals(onStop: (signal: NodeJS.Signals) => void, onHardStop: (signal: NodeJS.Signals) => void): () => void {
  let received = 0;
  const handler = (signal: NodeJS.Signals) => (++received === 1 ? onStop(signal) : onHardStop(signal));
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** Exits with `code` once what was written to stdout and stderr is flushed (or FLUSH_MS passed). */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
  void settlesWithin(Promise.all([flushed(process.stdout), flushed(process.stderr)]), FLUSH_MS).then(() => process.exit(code));
}
