/**
 * A set of non-negative integers: one generator's sequence numbers seen in the ledger. Memory grows with
 * the number of gaps, not of members, so 30 million records read back in near order cost a few ranges
 * per generator.
 *
 * Two parts. The newest members sit in a sliding bit window [base, base + bits) (a ring of 32-bit
 * words, base a multiple of 32): the ledger reads partitions side by side, so a generator's records
 * arrive shuffled over a few thousand sequence numbers, and a bit costs O(1) where inserting into
 * sorted ranges splices. Members below the window are committed as sorted, disjoint, non-adjacent
 * ranges [start, end]; the window commits its words as it slides up, and only a member older than
 * the window takes the slow path (binary search and splice). The window starts small and doubles,
 * up to MAX_WINDOW_BITS, while sliding would commit holes (members still to come).
 */
const MIN_WINDOW_BITS = 1024;
const MAX_WINDOW_BITS = 1 << 16;
const FULL = 0xffffffff;

/** the lowest word-aligned window base that holds `n` */
const baseFor = (n: number, windowBits: number): number => (Math.floor((n - windowBits) / 32) + 1) * 32;

export class SeqRanges {
  /** committed ranges, all below `base` */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** the window's bits: member n (base ≤ n < base + 32 × words.length) is bit n & 31 of word wordOf(n) */
  private words = new Uint32Array(MIN_WINDOW_BITS / 32);
  private mask = this.words.length - 1;
  private base = 0;
  private top = -1;
  private members = 0;
  /** maximal runs of members, committed or not: kept as members are added (a new member joins, bridges or opens one) */
  private runs = 0;

  get size(): number {
    return this.members;
  }

  /** ranges of consecutive members (committed ones and the window's runs: what memory grows with besides the window) */
  get ranges(): number {
    return this.runs;
  }

  /** the largest member, -1 when empty */
  get max(): number {
    return this.top;
  }

  /** Adds `n`; false when it was already a member. */
  add(n: number): boolean {
    if (!(n < this.base ? this.addCommitted(n) : this.addToWindow(n))) return false;
    this.members++;
    this.runs += 1 - Number(this.has(n - 1)) - Number(this.has(n + 1));
    return true;
  }

  private addToWindow(n: number): boolean {
    const windowBits = this.words.length * 32;
    if (n >= this.base + windowBits) this.slide(n);
    const i = this.wordOf(n);
    const bit = 1 << (n & 31);
    const w = this.words[i]!;
    if ((w & bit) !== 0) return false;
    this.words[i] = w | bit;
    if (n > this.top) this.top = n;
    return true;
  }

  has(n: number): boolean {
    if (n >= this.base) return n <= this.top && (this.words[this.wordOf(n)]! & (1 << (n & 31))) !== 0;
    const i = this.committedAtOrBefore(n);
    return i >= 0 && n <= this.ends[i]!;
  }

  /** The missing ranges [start, end] between 0 and `upTo` (default: the largest member). */
  gaps(upTo = this.max): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let next = 0;
    this.forEachRange((start, end) => {
      if (next > upTo) return;
      if (start > next) out.push([next, Math.min(start - 1, upTo)]);
      next = end + 1;
    });
    if (next <= upTo) out.push([next, upTo]);
    return out;
  }

  /** Every range in order, committed ones and the window's merged. */
  private forEachRange(visit: (start: number, end: number) => void): void {
    const last = this.starts.length - 1;
    for (let i = 0; i < last; i++) visit(this.starts[i]!, this.ends[i]!);
    let start = last >= 0 ? this.starts[last]! : -1;
    let end = last >= 0 ? this.ends[last]! : -2;
    const member = (n: number): void => {
      if (n === end + 1) end = n;
      else {
        if (start >= 0) visit(start, end);
        start = end = n;
      }
    };
    for (let p = this.base; p <= this.top; p += 32) {
      const w = this.words[this.wordOf(p)]!;
      if (w === FULL && p === end + 1) end = p + 31;
      else if (w !== 0) for (let b = 0; b < 32; b++) if ((w & (1 << b)) !== 0) member(p + b);
    }
    if (start >= 0) visit(start, end);
  }

  /** the window word holding n's bit (n / 32 may pass 2^32: & keeps its low bits) */
  private wordOf(n: number): number {
    return (n / 32) & this.mask;
  }

  /** Makes room for `n` above the window: doubles it while sliding would commit holes, then commits the words below. */
  private slide(n: number): void {
    while (this.words.length * 32 < MAX_WINDOW_BITS && this.top >= this.base && this.hasHoleBelow(n)) this.grow();
    const windowBits = this.words.length * 32;
    if (n < this.base + windowBits) return;
    const newBase = baseFor(n, windowBits);
    // words above the newest member are empty: only [base, top] needs committing
    const commitTo = Math.min(newBase, this.top + 1);
    for (let p = this.base; p < commitTo; p += 32) {
      const i = this.wordOf(p);
      const w = this.words[i]!;
      if (w === FULL) this.append(p, p + 31);
      else if (w !== 0) for (let b = 0; b < 32; b++) if ((w & (1 << b)) !== 0) this.append(p + b, p + b);
      this.words[i] = 0;
    }
    this.base = newBase;
  }

  /** whether a slide that brings `n` into the window would commit a number not yet a member */
  private hasHoleBelow(n: number): boolean {
    const commitTo = Math.min(baseFor(n, this.words.length * 32), this.top + 1);
    for (let p = this.base; p < commitTo; p += 32) {
      const w = this.words[this.wordOf(p)]!;
      if (w !== FULL) return true;
    }
    return false;
  }

  private grow(): void {
    const old = this.words;
    const oldMask = this.mask;
    this.words = new Uint32Array(old.length * 2);
    this.mask = this.words.length - 1;
    for (let p = this.base; p <= this.top; p += 32) this.words[this.wordOf(p)] = old[(p / 32) & oldMask]!;
  }

  /** appends [start, end] above every committed range */
  private append(start: number, end: number): void {
    const last = this.ends.length - 1;
    if (last >= 0 && this.ends[last]! + 1 === start) this.ends[last] = end;
    else {
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  /** index of the last committed range starting at or before n, -1 if none */
  private committedAtOrBefore(n: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= n) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi;
  }

  /** the slow path: a member below the window, into the committed ranges */
  private addCommitted(n: number): boolean {
    const { starts, ends } = this;
    const i = this.committedAtOrBefore(n);
    if (i >= 0 && n <= ends[i]!) return false;
    const joinsLeft = i >= 0 && ends[i]! + 1 === n;
    const joinsRight = i + 1 < starts.length && starts[i + 1]! - 1 === n;
    if (joinsLeft && joinsRight) {
      ends[i] = ends[i + 1]!;
      starts.splice(i + 1, 1);
      ends.splice(i + 1, 1);
    } else if (joinsLeft) {
      ends[i] = n;
    } else if (joinsRight) {
      starts[i + 1] = n;
    } else {
      starts.splice(i + 1, 0, n);
      ends.splice(i + 1, 0, n);
    }
    return true;
  }
}
