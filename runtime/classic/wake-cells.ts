/**
 * Two Int32 cells in shared memory through which a blocked classic VU is woken: WAKE counts
 * events (a reply posted, an interrupt raised); INTERRUPT says the iteration must stop. A waiter
 * reads WAKE before it checks for its events, so a wake between the check and the wait is never lost.
 */
const WAKE = 0;
const INTERRUPT = 1;

export function wakeCells(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

export function wake(cells: Int32Array): void {
  Atomics.add(cells, WAKE, 1);
  Atomics.notify(cells, WAKE);
}

export function wakeCount(cells: Int32Array): number {
  return Atomics.load(cells, WAKE);
}

/** Blocks the thread until woken after `seen`, or for at most `ms`. */
export function waitForWake(cells: Int32Array, seen: number, ms = Infinity): void {
  Atomics.wait(cells, WAKE, seen, ms);
}

export function raiseInterrupt(cells: Int32Array): void {
  Atomics.store(cells, INTERRUPT, 1);
  wake(cells);
}

export function clearInterrupt(cells: Int32Array): void {
  Atomics.store(cells, INTERRUPT, 0);
}

export function interruptRaised(cells: Int32Array): boolean {
  return Atomics.load(cells, INTERRUPT) !== 0;
}
