/**
 * HDR-style log-linear histogram over float64 values, bucketed by the value's own bits:
 * sign, 11-bit exponent and the top 10 mantissa bits. Every bucket spans a factor of
 * 1 + 2⁻¹⁰, so its midpoint is within 2⁻¹¹ ≈ 0.049 % of any value in it — for every magnitude,
 * fractional or huge, negative or positive, with no scaling to configure. Memory is one block of
 * 1024 counts per (sign, exponent) actually seen: a range of 1 µs … 1 h spans about 32 blocks.
 *
 * Why by hand and not hdr-histogram-js (a dev dependency, used only by bench/kafka-clients): HdrHistogram
 * records integers within a range fixed up front, so a Trend of float milliseconds would need a scale and
 * bounds chosen per metric (a custom Trend can hold anything, from nanoseconds to byte counts), and values
 * outside them are lost. Here the float's own bits are the bucket, at every magnitude and sign, with
 * nothing to configure. A worker ships its delta every second as two typed arrays (sparse keys and counts,
 * `HistogramSnapshot`) that the main thread merges by adding counts; HDR's portable form is a compressed
 * encoding to build and parse each time. An add is a few typed-array operations (18 ns per add,
 * bench/RESULTS.md#runtime); no side-by-side benchmark with hdr-histogram-js was run.
 */

const SUB_BITS = 10;
const SUBS = 1 << SUB_BITS;
const EXP_MAX = 0x7ff;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = 1 - HI;

/** Sparse contents: `keys[i]` = sign << 21 | exponent << 10 | sub-bucket, `counts[i]` its count. */
export interface HistogramSnapshot {
  keys: Uint32Array;
  counts: Float64Array;
}

/** Count blocks for one sign, indexed by exponent; dense between the lowest and highest seen. */
class ExponentBlocks {
  base = 0;
  blocks: (Float64Array | null)[] = [];

  at(exp: number): Float64Array {
    const i = exp - this.base;
    if (i >= 0 && i < this.blocks.length) {
      const block = this.blocks[i]!;
      if (block !== null) return block;
    }
    return this.create(exp);
  }

  private create(exp: number): Float64Array {
    if (this.blocks.length === 0) this.base = exp;
    if (exp < this.base) {
      this.blocks.unshift(...new Array<null>(this.base - exp).fill(null));
      this.base = exp;
    }
    const i = exp - this.base;
    while (this.blocks.length <= i) this.blocks.push(null);
    const block = new Float64Array(SUBS);
    this.blocks[i] = block;
    return block;
  }
}

/** Midpoint of a bucket; exponent 0 (zero and subnormals below 2.3e-308) counts as 0. */
function bucketValue(negative: boolean, exp: number, sub: number): number {
  if (exp === 0) return 0;
  if (exp === EXP_MAX) return negative ? -Infinity : Infinity;
  words[HI] = ((negative ? 1 : 0) << 31) | (exp << 20) | (sub << SUB_BITS) | (1 << (SUB_BITS - 1));
  words[LO] = 0;
  return scratch[0]!;
}

/** The value a snapshot key stands for (its bucket's midpoint): for outputs that re-bucket. */
export function keyValue(key: number): number {
  return bucketValue(key >>> 21 !== 0, (key >>> SUB_BITS) & EXP_MAX, key & (SUBS - 1));
}

export class LogHistogram {
  private readonly positive = new ExponentBlocks();
  private readonly negative = new ExponentBlocks();

  record(value: number): void {
    scratch[0] = value;
    const hi = words[HI]!;
    const blocks = hi >>> 31 === 0 ? this.positive : this.negative;
    blocks.at((hi >>> 20) & EXP_MAX)[(hi >>> SUB_BITS) & (SUBS - 1)]++;
  }

  snapshot(): HistogramSnapshot {
    const keys: number[] = [];
    const counts: number[] = [];
    for (const [sign, side] of [
      [0, this.positive],
      [1, this.negative],
    ] as const) {
      side.blocks.forEach((block, i) => {
        if (block === null) return;
        const prefix = (sign << 21) | ((side.base + i) << SUB_BITS);
        for (let sub = 0; sub < SUBS; sub++) {
          if (block[sub] !== 0) {
            keys.push(prefix | sub);
            counts.push(block[sub]!);
          }
        }
      });
    }
    return { keys: Uint32Array.from(keys), counts: Float64Array.from(counts) };
  }

  merge(s: HistogramSnapshot): void {
    for (let i = 0; i < s.keys.length; i++) {
      const key = s.keys[i]!;
      const side = key >>> 21 === 0 ? this.positive : this.negative;
      side.at((key >>> SUB_BITS) & EXP_MAX)[key & (SUBS - 1)] += s.counts[i]!;
    }
  }

  /** Zeroes the counts but keeps the blocks: a series tends to see the same range again. */
  reset(): void {
    for (const side of [this.positive, this.negative]) {
      for (const block of side.blocks) block?.fill(0);
    }
  }

  /**
   * Approximate values of the samples at 0-based ranks `lo` ≤ `hi` in ascending order
   * (the two neighbours k6's percentile interpolation needs).
   */
  valuesAtRanks(lo: number, hi: number): [number, number] {
    let seen = 0;
    let low = NaN;
    const visit = (negative: boolean, exp: number, sub: number, count: number): boolean => {
      seen += count;
      if (Number.isNaN(low) && seen > lo) low = bucketValue(negative, exp, sub);
      return seen > hi;
    };
    const { negative, positive } = this;
    // ascending: most negative first (largest exponent and mantissa), then positives upwards
    for (let i = negative.blocks.length - 1; i >= 0; i--) {
      const block = negative.blocks[i];
      if (!block) continue;
      for (let sub = SUBS - 1; sub >= 0; sub--) {
        if (block[sub] !== 0 && visit(true, negative.base + i, sub, block[sub]!)) {
          return [low, bucketValue(true, negative.base + i, sub)];
        }
      }
    }
    for (let i = 0; i < positive.blocks.length; i++) {
      const block = positive.blocks[i];
      if (!block) continue;
      for (let sub = 0; sub < SUBS; sub++) {
        if (block[sub] !== 0 && visit(false, positive.base + i, sub, block[sub]!)) {
          return [low, bucketValue(false, positive.base + i, sub)];
        }
      }
    }
    throw new RangeError(`rank ${hi} is beyond the ${seen} recorded samples`);
  }
}
