/**
 * A small seeded PRNG (sfc32: 128-bit state, fast with 32-bit integer ops, passes PractRand),
 * so generated data is reproducible in k6 and in node alike. Math.random cannot be seeded.
 */

/** FNV-1a: derives a 32-bit seed from text, e.g. `hashSeed(`${seed}:${vu}`)`. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 spreads one seed over the four state words
    let s = seed >>> 0;
    const mix = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** uniform integer in [0, 2^32) */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** uniform float in [0, 1) */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** uniform integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** uniform integer in [min, max] */
  range(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/**
 * Picks among weighted items in O(1) expected time: a guide table maps the uniform draw's bucket
 * to the first candidate, so a pick scans about one entry. Build once, call `pick(rnd)` on the hot path.
 */
export class WeightedPicker<T> {
  private readonly items: readonly T[];
  /** ascending; the last positive-weight entry is exactly 1 */
  private readonly cumulative: Float64Array;
  /** guide[j] = first index whose cumulative weight exceeds j / guide.length */
  private readonly guide: Uint32Array;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new Error('WeightedPicker needs at least one entry');
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      if (!(weight >= 0 && weight < Infinity)) throw new Error(`WeightedPicker: weight ${weight} must be a finite number >= 0`);
      sum += weight;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new Error('WeightedPicker: weights must not all be 0');
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i] /= sum;
    this.guide = new Uint32Array(2 * entries.length);
    let i = 0;
    for (let j = 0; j < this.guide.length; j++) {
      while (this.cumulative[i]! <= j / this.guide.length) i++;
      this.guide[j] = i;
    }
  }

  pick(rnd: Random): T {
    const u = rnd.next();
    const cumulative = this.cumulative;
    let i = this.guide[(u * this.guide.length) | 0]!;
    while (cumulative[i]! <= u) i++;
    return this.items[i]!;
  }
}
