/**
 * Ends a VU's requests when its iteration is interrupted (gracefulStop, ramp-down), without
 * reading the VU's signal on every request: reading it makes the VU create an AbortController
 * for the iteration, a cost per request in the common one-request iteration. Instead, every
 * 100 ms, each VU with requests in flight starts listening to its current signal. A request
 * younger than that when the interrupt comes runs to its end (or timeout) and is recorded.
 */

export interface Watched {
  /** listens to the VU's current interrupt signal; false when nothing is in flight any more */
  watchInterrupt(): boolean;
}

const WATCH_MS = 100;
const watching = new Set<Watched>();
let ticker: NodeJS.Timeout | undefined;

function tick(): void {
  for (const w of watching) if (!w.watchInterrupt()) watching.delete(w);
  if (watching.size === 0 && ticker) {
    clearInterval(ticker);
    ticker = undefined;
  }
}

/** Call when `w` starts a request. */
export function watchInterrupts(w: Watched): void {
  if (watching.has(w)) return;
  watching.add(w);
  ticker ??= setInterval(tick, WATCH_MS).unref();
}
