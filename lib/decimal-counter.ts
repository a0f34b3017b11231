/**
 * Successive integers from 0 as decimal strings behind a fixed prefix ("e7-0", "e7-1", …), for
 * ids and sequence numbers on the hot path: a fresh large number misses the engine's
 * number→string cache, so the part above the last two digits is formatted once per 100 values.
 */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? '0' : '') + i);

export class DecimalCounter {
  private n = 0;
  /** prefix + ⌊n / 100⌋, once n >= 100 */
  private head = '';

  constructor(private readonly prefix = '') {}

  /** the number the next call to `next` formats */
  get count(): number {
    return this.n;
  }

  /** skips `n` numbers (a batch numbered by someone else) */
  skip(n: number): void {
    this.n += n;
    if (this.n >= 100) this.head = this.prefix + Math.floor(this.n / 100);
  }

  next(): string {
    const n = this.n++;
    if (n < 100) return this.prefix + n;
    const low = n % 100;
    if (low === 0) this.head = this.prefix + n / 100;
    return this.head + TWO_DIGITS[low]!;
  }
}
