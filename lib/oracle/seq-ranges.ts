/**
 * A set of non-negative integers held as sorted, disjoint, non-adjacent ranges [start, end]: one
 * generator's sequence numbers seen in the ledger. Memory grows with the number of gaps, not of
 * members, so 30 million records read back in near order cost a few ranges per generator.
 */
export class SeqRanges {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private members = 0;

  get size(): number {
    return this.members;
  }

  /** ranges held (what the memory grows with) */
  get ranges(): number {
    return this.starts.length;
  }

  /** the largest member, -1 when empty */
  get max(): number {
    return this.ends.length === 0 ? -1 : this.ends[this.ends.length - 1]!;
  }

  /** Adds `n`; false when it was already a member. */
  add(n: number): boolean {
    const { starts, ends } = this;
    // fast path: records of a generator mostly arrive in increasing order
    const last = ends.length - 1;
    if (last >= 0 && n === ends[last]! + 1) {
      ends[last] = n;
      this.members++;
      return true;
    }
    // i = index of the last range starting at or before n, -1 if none
    let lo = 0;
    let hi = last;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= n) lo = mid + 1;
      else hi = mid - 1;
    }
    const i = hi;
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
    this.members++;
    return true;
  }

  has(n: number): boolean {
    for (let i = 0; i < this.starts.length; i++) if (n >= this.starts[i]! && n <= this.ends[i]!) return true;
    return false;
  }

  /** The missing ranges [start, end] between 0 and `upTo` (default: the largest member). */
  gaps(upTo = this.max): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let next = 0;
    for (let i = 0; i < this.starts.length && next <= upTo; i++) {
      if (this.starts[i]! > next) out.push([next, Math.min(this.starts[i]! - 1, upTo)]);
      next = this.ends[i]! + 1;
    }
    if (next <= upTo) out.push([next, upTo]);
    return out;
  }
}
