/**
 * Zipf-distributed ranks: rank k (0-based) has probability ∝ 1/(k+1)^s. The CDF is built once per
 * (n, s) and shared by every sampler in the VU. Sampling is one uniform draw and a binary search,
 * narrowed by a guide table (bucket of u → range of ranks) so it touches few cache lines.
 */
import type { Random } from './random.ts';

interface ZipfTable {
  cdf: Float64Array;
  /** guide[j] = first rank whose CDF exceeds j / GUIDE_SIZE */
  guide: Uint32Array;
}

const GUIDE_SIZE = 4096;
const tables = new Map<string, ZipfTable>();

function zipfTable(n: number, s: number): ZipfTable {
  if (!Number.isInteger(n) || n < 1) throw new Error(`zipf: n must be an integer >= 1, got ${n}`);
  if (!(s >= 0)) throw new Error(`zipf: exponent s must be >= 0, got ${s}`);
  const key = `${n}:${s}`;
  let table = tables.get(key);
  if (!table) {
    const cdf = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, s);
      cdf[k] = sum;
    }
    for (let k = 0; k < n; k++) cdf[k] /= sum;
    cdf[n - 1] = 1;
    const guide = new Uint32Array(GUIDE_SIZE + 1);
    let k = 0;
    for (let j = 0; j <= GUIDE_SIZE; j++) {
      while (k < n - 1 && cdf[k]! <= j / GUIDE_SIZE) k++;
      guide[j] = k;
    }
    table = { cdf, guide };
    tables.set(key, table);
  }
  return table;
}

/** The cumulative distribution over n ranks (shared: do not modify). */
export function zipfCdf(n: number, s: number): Float64Array {
  return zipfTable(n, s).cdf;
}

export class ZipfSampler {
  private readonly cdf: Float64Array;
  private readonly guide: Uint32Array;

  /** n ranks, exponent s (0 = uniform; ~1 is typical of web traffic) */
  constructor(readonly n: number, readonly s: number) {
    ({ cdf: this.cdf, guide: this.guide } = zipfTable(n, s));
  }

  /** a rank in [0, n): 0 is the most frequent */
  sample(rnd: Random): number {
    const u = rnd.next();
    const j = (u * GUIDE_SIZE) | 0;
    let lo = this.guide[j]!;
    let hi = this.guide[j + 1]!;
    const cdf = this.cdf;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** the probability of rank k */
  probability(k: number): number {
    return k === 0 ? this.cdf[0]! : this.cdf[k]! - this.cdf[k - 1]!;
  }
}
