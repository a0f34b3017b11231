/**
 * Virtual time for unit tests of code that reads clocks and sets timers itself (the scenario drivers, a worker's
 * main loop): the global timers, performance.now() and Date.now() are replaced by a clock that moves only when
 * nothing else can run. Runs are deterministic and take no real time: a 10-minute scenario ends in milliseconds,
 * and the order of events depends on the schedule alone, never on the machine's speed.
 */

import type { TestContext } from 'node:test';

const real = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  setImmediate: globalThis.setImmediate,
  clearImmediate: globalThis.clearImmediate,
  dateNow: Date.now,
};

/** Lets every queued microtask run: they all run before the next macrotask, and nothing but this one is real. */
const settleMicrotasks = () => new Promise<void>((resolve) => real.setImmediate(resolve));

type Callback = (...args: unknown[]) => void;

/** Stands in for Node's Timeout and Immediate objects (ref/unref and numeric ids included). */
class FakeTimer {
  cleared = false;
  constructor(
    readonly id: number,
    public at: number,
    readonly fn: Callback,
    readonly args: unknown[],
    /** the period of an interval; undefined for a one-shot timer or an immediate */
    readonly every: number | undefined,
  ) {}
  ref() {
    return this;
  }
  unref() {
    return this;
  }
  hasRef() {
    return true;
  }
  [Symbol.toPrimitive]() {
    return this.id;
  }
}

/** performance.now() of the next clock: virtual time never goes back, even across clocks in one process. */
let nextStart = 1e9;

export class VirtualTime {
  /** what performance.now() returns */
  now = nextStart;
  readonly startedAt = nextStart;
  /** what Date.now() returns at startedAt */
  readonly epochAtStart = 1_800_000_000_000;
  private readonly timers = new Map<number, FakeTimer>();
  private immediates: FakeTimer[] = [];
  private ids = 0;
  private readonly saved = Object.getOwnPropertyDescriptor(performance, 'now');

  private constructor() {}

  /** Replaces the clocks and timers until uninstall(); virtualTime(t) does both for one test. */
  static install(): VirtualTime {
    const vt = new VirtualTime();
    const g = globalThis as Record<string, unknown>;
    g.setTimeout = (fn: Callback, ms?: number, ...args: unknown[]) => vt.schedule(fn, ms, args, false);
    g.setInterval = (fn: Callback, ms?: number, ...args: unknown[]) => vt.schedule(fn, ms, args, true);
    g.clearTimeout = g.clearInterval = (t: unknown) => vt.clear(t);
    g.setImmediate = (fn: Callback, ...args: unknown[]) => {
      const t = new FakeTimer(++vt.ids, vt.now, fn, args, undefined);
      vt.immediates.push(t);
      return t;
    };
    g.clearImmediate = (t: unknown) => {
      if (t instanceof FakeTimer) t.cleared = true;
    };
    Object.defineProperty(performance, 'now', { value: () => vt.now, configurable: true, writable: true });
    Date.now = () => vt.epochMs;
    return vt;
  }

  uninstall(): void {
    Object.assign(globalThis, {
      setTimeout: real.setTimeout,
      clearTimeout: real.clearTimeout,
      setInterval: real.setInterval,
      clearInterval: real.clearInterval,
      setImmediate: real.setImmediate,
      clearImmediate: real.clearImmediate,
    });
    if (this.saved) Object.defineProperty(performance, 'now', this.saved);
    else delete (performance as { now?: unknown }).now;
    Date.now = real.dateNow;
    nextStart = Math.max(nextStart, this.now) + 1_000_000;
  }

  /** ms since install() */
  get elapsed(): number {
    return this.now - this.startedAt;
  }

  get epochMs(): number {
    return this.epochAtStart + this.elapsed;
  }

  /**
   * Runs the event loop in virtual time until `p` settles: microtasks, then immediates, then the earliest timer
   * (the clock jumps to it). Throws when `p` can never settle (nothing left to run) or the run does not end.
   */
  async run<T>(p: Promise<T>, maxSteps = 1_000_000): Promise<T> {
    let settled = false;
    p.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let step = 0; ; step++) {
      await settleMicrotasks();
      if (this.immediates.length > 0) {
        // as in Node: immediates queued meanwhile wait for the next turn; microtasks run after each one
        for (const t of this.immediates.splice(0)) {
          if (t.cleared) continue;
          t.fn(...t.args);
          await settleMicrotasks();
        }
        continue;
      }
      if (settled) return p;
      if (step >= maxSteps) throw new Error(`virtual time: still running after ${maxSteps} steps (at ${this.elapsed} ms)`);
      const first = this.earliest();
      if (!first) throw new Error(`virtual time: the awaited promise can never settle (nothing scheduled at ${this.elapsed} ms)`);
      this.now = Math.max(this.now, first.at);
      // as Node's timers phase: every timer due now, in order, each followed by its microtasks, before any immediate
      for (let t = this.earliest(); t && t.at <= this.now; t = this.earliest()) {
        if (t.every === undefined) this.timers.delete(t.id);
        else t.at += t.every;
        t.fn(...t.args);
        await settleMicrotasks();
      }
    }
  }

  private schedule(fn: Callback, ms: number | undefined, args: unknown[], repeat: boolean): FakeTimer {
    // Node runs a delay below 1 ms (or not a number) after 1 ms, and timers on whole milliseconds of its loop
    // clock, never before their time: fractional delays end on the next whole millisecond
    const delay = typeof ms === 'number' && ms >= 1 ? ms : 1;
    const t = new FakeTimer(++this.ids, Math.ceil(this.now + delay), fn, args, repeat ? Math.ceil(delay) : undefined);
    this.timers.set(t.id, t);
    return t;
  }

  private clear(t: unknown): void {
    const id = t instanceof FakeTimer ? t.id : Number(t);
    const timer = this.timers.get(id);
    if (timer) timer.cleared = true;
    this.timers.delete(id);
  }

  /** The timer due first; of timers due at once, the one set first (Node's order). */
  private earliest(): FakeTimer | undefined {
    let first: FakeTimer | undefined;
    for (const t of this.timers.values()) if (!first || t.at < first.at || (t.at === first.at && t.id < first.id)) first = t;
    return first;
  }
}

/** Virtual time for one test, uninstalled when it ends. */
export function virtualTime(t: TestContext): VirtualTime {
  const vt = VirtualTime.install();
  t.after(() => vt.uninstall());
  return vt;
}
