/**
 * The aggregates the pipeline must produce, recomputed from the ledger with its declared semantics
 * (sut/README.md "Window semantics"): tumbling event-time windows of `windowMs` aligned to the epoch,
 * per key `page_id:type`, closed `graceMs` after their end. The pipeline judges lateness in each input
 * partition's own task, against the valid records before it in that partition, so with
 * close = window end + grace:
 *  - dropped:   close ≤ the largest event time before it in its input partition;
 *  - counted:   otherwise — its window cannot be closed yet, since a window closes only once every
 *               partition's watermark has passed its close;
 *  - uncertain: its partition was quiet for idleCloseMs / 2 or more before it (or it is the partition's
 *               first): the window task may have left the partition out as idle meanwhile, and the other
 *               partitions may have closed the window by the time it arrives.
 * The last windows of a run are uncertain too: no later record closes them, idle-close does, by
 * wall clock — so whether their last records count depends on how long those took to reach the task.
 * Memory: open windows keep their users for the distinct count; a window is finalized (users
 * dropped) once every partition of the ledger was read past its close + uncertainMs + a margin.
 */
export interface Semantics {
  windowMs: number;
  graceMs: number;
  /** width of the band after the run's last send in which a window may or may not have got its last records */
  uncertainMs: number;
  /** a window task leaves out an input partition that sent it nothing for this long (the pipeline's --idle-close) */
  idleCloseMs: number;
}

export type Fate = 'counted' | 'dropped' | 'uncertain';

export interface LedgerEvent {
  pageId: string;
  type: string;
  userId: string;
  amountCents: number;
  eventTimeMs: number;
  /** from the stamp, epoch µs */
  intendedUs: number;
  /** the largest event time of the valid records before it in its input partition (-Infinity if none) */
  precededByMs: number;
  /** send time since the valid record before it in its input partition (Infinity if none) */
  quietBeforeMs: number;
}

export interface ExpectedWindow {
  key: string;
  windowStartMs: number;
  windowEndMs: number;
  count: number;
  sumAmountCents: number;
  distinctUsers: number;
  /** the largest intended send time (epoch µs) and event time (epoch ms) of the records counted */
  maxIntendedUs: number;
  maxEventTimeMs: number;
  /** some record may or may not be counted: the window is not compared */
  uncertain: boolean;
}

interface OpenWindow extends ExpectedWindow {
  users: Set<string>;
}

/** how far past a window's close the slowest partition must be read before the window is final */
const FINALIZE_MARGIN_MS = 10_000;

export function fateOf(e: Pick<LedgerEvent, 'eventTimeMs' | 'precededByMs' | 'quietBeforeMs'>, s: Semantics): Fate {
  const close = Math.floor(e.eventTimeMs / s.windowMs) * s.windowMs + s.windowMs + s.graceMs;
  if (close <= e.precededByMs) return 'dropped';
  return e.quietBeforeMs * 2 >= s.idleCloseMs ? 'uncertain' : 'counted';
}

export const windowId = (key: string, windowStartMs: number): string => `${key}@${windowStartMs}`;

export class ExpectedAggregates {
  /** window start → key → window */
  private readonly open = new Map<number, Map<string, OpenWindow>>();
  private readonly done = new Map<string, ExpectedWindow>();
  /** windows starting below this may be finalized (in `done`); those at or above it are not */
  private finalizedBelowMs = -Infinity;
  /** records expected to be dropped as later than the grace period */
  lateDropped = 0;
  /** records that may or may not be counted */
  uncertainRecords = 0;
  /** smallest and largest window start seen, ms (NaN before the first record) */
  firstWindowMs = NaN;
  lastWindowMs = NaN;

  constructor(readonly semantics: Semantics) {}

  add(e: LedgerEvent): Fate {
    const fate = fateOf(e, this.semantics);
    if (fate === 'dropped') {
      this.lateDropped++;
      return fate;
    }
    const W = this.semantics.windowMs;
    const start = Math.floor(e.eventTimeMs / W) * W;
    if (!(start >= this.firstWindowMs)) this.firstWindowMs = start;
    if (!(start <= this.lastWindowMs)) this.lastWindowMs = start;
    const key = `${e.pageId}:${e.type}`;
    if (fate === 'uncertain') this.uncertainRecords++;
    const finished = start < this.finalizedBelowMs ? this.done.get(windowId(key, start)) : undefined;
    if (finished !== undefined) {
      // read after its window was finalized (a partition far behind the others): counted, users unknown
      finished.count++;
      finished.sumAmountCents += e.amountCents;
      finished.uncertain = true;
      return fate;
    }
    let keys = this.open.get(start);
    if (keys === undefined) this.open.set(start, (keys = new Map()));
    let w = keys.get(key);
    if (w === undefined) {
      keys.set(
        key,
        (w = {
          key,
          windowStartMs: start,
          windowEndMs: start + W,
          count: 0,
          sumAmountCents: 0,
          distinctUsers: 0,
          maxIntendedUs: 0,
          maxEventTimeMs: 0,
          uncertain: false,
          users: new Set(),
        }),
      );
    }
    w.count++;
    w.sumAmountCents += e.amountCents;
    w.users.add(e.userId);
    if (e.intendedUs > w.maxIntendedUs) w.maxIntendedUs = e.intendedUs;
    if (e.eventTimeMs > w.maxEventTimeMs) w.maxEventTimeMs = e.eventTimeMs;
    if (fate === 'uncertain') w.uncertain = true;
    return fate;
  }

  /** Finalizes the windows no record read from now on can change: every partition is read past `readToMs` (send time). */
  advance(readToMs: number): void {
    const s = this.semantics;
    const below = readToMs - (s.windowMs + s.graceMs + s.uncertainMs + FINALIZE_MARGIN_MS);
    if (below > this.finalizedBelowMs) this.finalizedBelowMs = below;
    for (const [start, keys] of this.open) {
      if (start >= below) continue;
      this.finalize(keys);
      this.open.delete(start);
    }
  }

  /** Every expected window, once the whole ledger was read; `lastSentMs`: the run's newest send time. */
  finish(lastSentMs: number): Map<string, ExpectedWindow> {
    this.finalizedBelowMs = Infinity;
    for (const keys of this.open.values()) this.finalize(keys);
    this.open.clear();
    const { graceMs, uncertainMs } = this.semantics;
    for (const w of this.done.values()) if (w.windowEndMs + graceMs > lastSentMs - uncertainMs) w.uncertain = true;
    return this.done;
  }

  /** windows still open (holding their users) */
  get openWindows(): number {
    let n = 0;
    for (const keys of this.open.values()) n += keys.size;
    return n;
  }

  private finalize(keys: Map<string, OpenWindow>): void {
    for (const { users, ...w } of keys.values()) this.done.set(windowId(w.key, w.windowStartMs), { ...w, distinctUsers: users.size });
  }
}
