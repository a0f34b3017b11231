/**
 * Zipf-distributed ranks: rank k (0-based) has probability ∝ 1/(k+1)^s, sampled exactly in O(1)
 * memory by rejection-inversion (W. Hörmann, G. Derflinger, "Rejection-inversion to generate
 * variates from monotone discrete distributions", ACM TOMACS 6(3), 1996). No table per VU: a
 * sampler is a handful of numbers, built in constant time whatever the number of ranks.
 *
 * With h(x) = x^-s and H its antiderivative, a uniform u on (H(1.5) − 1, H(n + 0.5)] is inverted to
 * x = H⁻¹(u) and rounded to k. Rank k owns the u-interval (H(k + 0.5) − h(k), H(k + 0.5)], of
 * length exactly h(k), and is accepted there; the rest (h is convex, so ∫ h over [k−½, k+½] ≥ h(k))
 * is rejected and redrawn. The expected number of draws is close to 1.
 */
import type { Random } from './random.ts';

/** log1p(t)/t, continuous at t = 0 */
function log1pRatio(t: number): number {
  return Math.abs(t) > 1e-8 ? Math.log1p(t) / t : 1 - t * (0.5 - t * (1 / 3 - 0.25 * t));
}

/** expm1(t)/t, continuous at t = 0 */
function expm1Ratio(t: number): number {
  return Math.abs(t) > 1e-8 ? Math.expm1(t) / t : 1 + t * 0.5 * (1 + t * (1 / 3) * (1 + 0.25 * t));
}

export class ZipfSampler {
  private readonly oneMinusS: number;
  /** H(1.5) − h(1): the lower end of the u range, so rank 0 is never rejected */
  private readonly uLow: number;
  private readonly uHigh: number;
  /** k − x at most this ⇒ accept without evaluating H (a bound derived from rank 2) */
  private readonly squeeze: number;

  /** n ranks, exponent s (0 = uniform; ~1 is typical of web traffic) */
  constructor(
    readonly n: number,
    readonly s: number,
  ) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`zipf: n must be an integer >= 1, got ${n}`);
    if (!(s >= 0 && s < Infinity)) throw new Error(`zipf: exponent s must be a finite number >= 0, got ${s}`);
    this.oneMinusS = 1 - s;
    this.uLow = this.bigH(1.5) - 1;
    this.uHigh = this.bigH(n + 0.5);
    this.squeeze = 2 - this.bigHInverse(this.bigH(2.5) - this.h(2));
  }

  /** a rank in [0, n): 0 is the most frequent */
  sample(rnd: Random): number {
    if (this.s === 0) return rnd.int(this.n);
    for (;;) {
      const u = this.uHigh + rnd.next() * (this.uLow - this.uHigh);
      const x = this.bigHInverse(u);
      let k = Math.floor(x + 0.5);
      if (k < 1) k = 1;
      else if (k > this.n) k = this.n;
      if (k - x <= this.squeeze || u >= this.bigH(k + 0.5) - this.h(k)) return k - 1;
    }
  }

  private h(x: number): number {
    return Math.exp(-this.s * Math.log(x));
  }

  /** ∫₁ˣ t^-s dt = (x^(1−s) − 1)/(1 − s), and log x for s = 1 */
  private bigH(x: number): number {
    const logX = Math.log(x);
    return expm1Ratio(this.oneMinusS * logX) * logX;
  }

  private bigHInverse(u: number): number {
    // rounding can push t just below −1 for s > 1, where H⁻¹ is unbounded
    const t = Math.max(-1, u * this.oneMinusS);
    return Math.exp(log1pRatio(t) * u);
  }
}
