/**
 * Per-VU timers: a pending timer keeps the VU's iteration running (k6's event loop rule),
 * and an interrupted iteration cancels them.
 */
export class VUTimers {
  private readonly live = new Map<NodeJS.Timeout, () => void>();

  constructor(private readonly track: (p: Promise<unknown>) => void) {}

  setTimeout = (fn: (...a: unknown[]) => void, ms = 0, ...args: unknown[]): NodeJS.Timeout => {
    let done!: () => void;
    this.track(new Promise<void>((r) => (done = r)));
    const id = setTimeout(() => {
      this.live.delete(id);
      done();
      fn(...args);
    }, ms);
    this.live.set(id, done);
    return id;
  };

  setInterval = (fn: (...a: unknown[]) => void, ms = 0, ...args: unknown[]): NodeJS.Timeout => {
    let done!: () => void;
    this.track(new Promise<void>((r) => (done = r)));
    const id = setInterval(() => fn(...args), ms);
    this.live.set(id, done);
    return id;
  };

  clear = (id: unknown): void => {
    const done = this.live.get(id as NodeJS.Timeout);
    if (!done) return;
    clearTimeout(id as NodeJS.Timeout);
    this.live.delete(id as NodeJS.Timeout);
    done();
  };

  clearAll(): void {
    for (const id of [...this.live.keys()]) this.clear(id);
  }
}
