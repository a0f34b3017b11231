/**
 * Async VU loops run on microtasks and would starve timers and worker messages; every few
 * milliseconds they yield one macrotask turn.
 */
const SLICE_MS = 4;
let sliceStart = performance.now();

export function yieldIfDue(): Promise<void> | undefined {
  const now = performance.now();
  if (now - sliceStart < SLICE_MS) return undefined;
  sliceStart = now;
  return new Promise((resolve) => setImmediate(resolve));
}
