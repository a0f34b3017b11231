/**
 * How a VU's requests are carried out. Async mode (here): `performRequest` on the VU's own
 * connections, results as promises. Classic mode provides another `RequestRunner` whose methods
 * block the VU thread and return the same plain results synchronously.
 */
import { setMaxListeners } from 'node:events';
import { Connections, type ConnectionOptions } from './connections.ts';
import { IterationInterruptedError } from './error-codes.ts';
import { watchInterrupts, type Watched } from './interrupt-watch.ts';
import { performRequest } from './perform.ts';
import type { RequestResult, RequestSpec } from './types.ts';

export interface BatchLimits {
  /** k6's `batch` option: requests in flight at once (default 20) */
  batch: number;
  /** k6's `batchPerHost` option (default 6; 0 = no limit) */
  batchPerHost: number;
}

export interface RequestRunner {
  run(spec: RequestSpec): RequestResult | Promise<RequestResult>;
  runMany(specs: readonly RequestSpec[], limits: BatchLimits): RequestResult[] | Promise<RequestResult[]>;
  /** always a promise: http.asyncRequest in either mode */
  runAsync(spec: RequestSpec): Promise<RequestResult>;
  /** drops the open connections (noVUConnectionReuse, at a new iteration) */
  resetConnections(): void;
  close(): Promise<void>;
}

export class AsyncRunner implements RequestRunner, Watched {
  private conns: Connections;
  /** the VU signal we listen on (a new one per iteration) */
  private watched: AbortSignal | undefined;
  private readonly onInterrupt = () => this.conns.cancelAll(new IterationInterruptedError());

  constructor(
    private readonly options: ConnectionOptions,
    private readonly interrupt: () => AbortSignal,
  ) {
    this.conns = new Connections(options);
  }

  run(spec: RequestSpec): Promise<RequestResult> {
    watchInterrupts(this);
    return performRequest(this.conns, spec);
  }

  watchInterrupt(): boolean {
    const signal = this.conns.busy() ? this.interrupt() : undefined;
    if (signal !== this.watched) {
      this.watched?.removeEventListener('abort', this.onInterrupt);
      this.watched = signal;
      if (signal?.aborted) this.onInterrupt();
      else if (signal) {
        // between iterations all VUs of a thread share one never-aborted signal: many listeners are expected
        setMaxListeners(0, signal);
        signal.addEventListener('abort', this.onInterrupt, { once: true });
      }
    }
    return signal !== undefined;
  }

  runAsync(spec: RequestSpec): Promise<RequestResult> {
    return this.run(spec);
  }

  runMany(specs: readonly RequestSpec[], limits: BatchLimits): Promise<RequestResult[]> {
    return runLimited(specs, limits, (s) => this.run(s));
  }

  resetConnections(): void {
    void this.conns.closeAll();
    this.conns = new Connections(this.options);
  }

  close(): Promise<void> {
    return this.conns.closeAll();
  }
}

/** Runs every spec, at most `batch` at once and `batchPerHost` per host; results in input order. */
export function runLimited<T>(specs: readonly RequestSpec[], limits: BatchLimits, run: (s: RequestSpec) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(specs.length);
  const perHost = new Map<string, number>();
  const waiting = specs.map((s, i) => ({ i, host: hostOf(s.url) }));
  let active = 0;
  let finished = 0;
  return new Promise<T[]>((resolve, reject) => {
    if (specs.length === 0) return resolve(results);
    const pump = () => {
      for (let k = 0; k < waiting.length && (limits.batch <= 0 || active < limits.batch); ) {
        const w = waiting[k]!;
        const onHost = perHost.get(w.host) ?? 0;
        if (limits.batchPerHost > 0 && onHost >= limits.batchPerHost) {
          k++;
          continue;
        }
        waiting.splice(k, 1);
        active++;
        perHost.set(w.host, onHost + 1);
        void run(specs[w.i]!).then((r) => {
          results[w.i] = r;
          active--;
          perHost.set(w.host, perHost.get(w.host)! - 1);
          if (++finished === specs.length) resolve(results);
          else pump();
        }, reject);
      }
    };
    pump();
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
