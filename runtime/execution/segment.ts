/**
 * Execution segments (spec §10): which part of every scenario this instance runs.
 *
 * The sequence's segments split each block of L global indices (L = LCD of the segment lengths'
 * denominators) between them, `length·L` indices each, spread evenly, largest segments choosing
 * first. Global iteration indices, arrival-rate start slots and VU ids are partitioned this way,
 * so instances never overlap and together cover everything.
 */
import { ConfigError } from '../errors.ts';
import { Rational, lcm, parseRational } from './rational.ts';

const SEGMENT_FLAG = '--execution-segment';
const SEQUENCE_FLAG = '--execution-segment-sequence';
/** Striping builds a table of L entries; finer sequences are a typo, not a real split. */
const MAX_STRIPE_BLOCK = 1_000_000;

/** An endless, ascending walk over a segment's global indices (0-based). */
export interface IndexCursor {
  next(): number;
}

/** Walks one stripe without allocating per index. */
class StripeCursor implements IndexCursor {
  private block = 0;
  private pos = 0;

  constructor(
    private readonly owned: readonly number[],
    private readonly blockSize: number,
  ) {}

  next(): number {
    const index = this.block * this.blockSize + this.owned[this.pos]!;
    if (++this.pos === this.owned.length) {
      this.pos = 0;
      this.block++;
    }
    return index;
  }
}

/** One level of division: the indices of each block of `blockSize` that this part owns. */
class Stripe {
  static readonly WHOLE = new Stripe(Rational.ZERO, Rational.ONE, [0], 1, true);

  constructor(
    readonly from: Rational,
    readonly to: Rational,
    /** ascending */
    readonly owned: readonly number[],
    /** L: indices per block */
    readonly blockSize: number,
    /** true when a sequence was given: scale by striping (k6 ScaleInt64), else by rounding (k6 Scale) */
    private readonly striped: boolean,
  ) {}

  get isWhole(): boolean {
    return this.owned.length === this.blockSize;
  }

  scale(v: number): number {
    if (this.isWhole) return v;
    if (this.striped) {
      const blocks = Math.floor(v / this.blockSize);
      return blocks * this.owned.length + countBelow(this.owned, v - blocks * this.blockSize);
    }
    const value = BigInt(Math.trunc(v));
    return Number(roundHalfUp(value, this.to) - roundHalfUp(value, this.from));
  }

  globalIndex(local: number): number {
    const blocks = Math.floor(local / this.owned.length);
    return blocks * this.blockSize + this.owned[local - blocks * this.owned.length]!;
  }
}

export class SegmentContext {
  static readonly full: SegmentContext = new SegmentContext(Stripe.WHOLE);

  /** bounds within the whole test (for a split part: inside its parent's) */
  readonly from: Rational;
  readonly to: Rational;
  /** segment length, to − from */
  readonly lengthFraction: number;

  /** Built by segmentContext() and split() (Stripe is private to this module). */
  constructor(
    private readonly stripe: Stripe,
    /** set for a part of split(): this stripe divides the parent's own indices */
    private readonly parent?: SegmentContext,
  ) {
    const base = parent ?? { from: Rational.ZERO, to: Rational.ONE };
    const length = base.to.sub(base.from);
    this.from = base.from.add(length.mul(stripe.from));
    this.to = base.from.add(length.mul(stripe.to));
    this.lengthFraction = this.to.sub(this.from).toNumber();
  }

  get isFull(): boolean {
    return this.from.equals(Rational.ZERO) && this.to.equals(Rational.ONE);
  }

  /**
   * This instance's share of an integer (VUs, iterations, preAllocatedVUs, maxVUs). With a sequence:
   * how many of the global indices below `v` this segment owns, so the shares of a sequence sum to `v`.
   * Without one: round(v·to) − round(v·from), rounding half up.
   */
  scale(v: number): number {
    return this.stripe.scale(this.parent ? this.parent.scale(v) : v);
  }

  /** This instance's share of a rate: rate·(to − from). */
  scaleRate(rate: number): number {
    return this.isFull ? rate : rate * this.lengthFraction;
  }

  /** Global index (0-based) of this segment's `local`-th (0-based) index. */
  globalIndex(local: number): number {
    const own = this.stripe.globalIndex(local);
    return this.parent ? this.parent.globalIndex(own) : own;
  }

  /** exec.vu.idInTest for the VU with exec.vu.idInInstance `idInInstance` (both 1-based). */
  idInTest(idInInstance: number): number {
    return this.globalIndex(idInInstance - 1) + 1;
  }

  /** A fresh cursor over this segment's global indices, from the first. */
  indices(): IndexCursor {
    const own = new StripeCursor(this.stripe.owned, this.stripe.blockSize);
    const parent = this.parent;
    return parent ? { next: () => parent.globalIndex(own.next()) } : own;
  }

  /**
   * Splits this segment into `count` equal parts (e.g. one per worker thread) that divide exactly
   * this segment's own indices and shares. Unlike refining the sequence, this keeps the striping
   * every other instance of the sequence relies on.
   */
  split(count: number): SegmentContext[] {
    if (count === 1) return [this];
    const n = BigInt(count);
    return Array.from({ length: count }, (_, j) => {
      const stripe = new Stripe(Rational.of(BigInt(j), n), Rational.of(BigInt(j) + 1n, n), [j], count, true);
      return new SegmentContext(stripe, this);
    });
  }

  toString(): string {
    return `${this.from}:${this.to}`;
  }
}

/**
 * Builds the context for `--execution-segment` / `--execution-segment-sequence` (both optional).
 * Throws ConfigError naming the flag on bad input.
 */
export function segmentContext(segment?: string | null, sequence?: string | null): SegmentContext {
  const hasSegment = segment != null && segment.trim() !== '';
  const hasSequence = sequence != null && sequence.trim() !== '';
  const [from, to] = hasSegment ? parseSegment(segment) : [Rational.ZERO, Rational.ONE];
  const boundaries = hasSequence ? parseSequence(sequence) : fillGaps([from, to]);
  const position = boundaries.findIndex((b, i) => b.equals(from) && boundaries[i + 1]?.equals(to));
  if (position < 0) {
    const options = boundaries
      .slice(1)
      .map((b, i) => `"${boundaries[i]}:${b}"`)
      .join(', ');
    throw new ConfigError(
      `${SEGMENT_FLAG} "${from}:${to}" is not one of the segments of ${SEQUENCE_FLAG} "${sequence}"; use one of ${options}`,
    );
  }
  if (boundaries.length === 2) return SegmentContext.full;
  const { owned, blockSize } = stripe(boundaries, position);
  return new SegmentContext(new Stripe(from, to, owned, blockSize, hasSequence));
}

function parseSegment(text: string): [Rational, Rational] {
  const parts = text.split(':');
  const fail = (why: string): never => {
    throw new ConfigError(
      `invalid ${SEGMENT_FLAG} "${text}": ${why}; use "from:to" with 0 ≤ from < to ≤ 1 as fractions, decimals or percents, e.g. "0:1/2", "0.5:1" or "25%:50%"`,
    );
  };
  if (parts.length > 2) fail('expected a single ":"');
  const values = parts.map((p) => parseRational(p) ?? fail(`"${p.trim()}" is not a fraction, decimal or percent`));
  const [from, to] = values.length === 1 ? [Rational.ZERO, values[0]!] : [values[0]!, values[1]!];
  if (from.compare(to) >= 0) fail(`from (${from}) must be less than to (${to})`);
  if (to.compare(Rational.ONE) > 0) fail(`to (${to}) is greater than 1`);
  return [from, to];
}

/** Increasing boundaries, filled out to start at 0 and end at 1. */
function parseSequence(text: string): Rational[] {
  const fail = (why: string): never => {
    throw new ConfigError(
      `invalid ${SEQUENCE_FLAG} "${text}": ${why}; use increasing values between 0 and 1, e.g. "0,1/4,1/2,1"`,
    );
  };
  const values = text
    .split(',')
    .map((p) => parseRational(p) ?? fail(`"${p.trim()}" is not a fraction, decimal or percent`));
  values.forEach((v, i) => {
    if (v.compare(Rational.ONE) > 0) fail(`${v} is greater than 1`);
    if (i > 0 && v.compare(values[i - 1]!) <= 0) fail(`${v} does not follow ${values[i - 1]} in increasing order`);
  });
  return fillGaps(values);
}

function fillGaps(values: Rational[]): Rational[] {
  const filled = [...values];
  if (!filled[0]!.equals(Rational.ZERO)) filled.unshift(Rational.ZERO);
  if (!filled.at(-1)!.equals(Rational.ONE)) filled.push(Rational.ONE);
  return filled;
}

/**
 * Deals the indices 0…L−1 of a block: at index i the first segment (largest first, then in order)
 * that is not ahead of its even share — i·n ≥ chosen·L, with n = its indices per block — takes it.
 * Some segment always qualifies, and none ever exceeds its share.
 */
function stripe(boundaries: Rational[], position: number): { owned: number[]; blockSize: number } {
  const lengths = boundaries.slice(1).map((b, i) => b.sub(boundaries[i]!));
  const block = lengths.reduce((acc, l) => lcm(acc, l.den), 1n);
  if (block > BigInt(MAX_STRIPE_BLOCK)) {
    throw new ConfigError(
      `${SEQUENCE_FLAG} "${boundaries.join(',')}" splits the work into ${block} parts; use coarser fractions (at most ${MAX_STRIPE_BLOCK} parts)`,
    );
  }
  const blockSize = Number(block);
  const shares = lengths.map((l) => Number((l.num * block) / l.den));
  const order = shares.map((_, i) => i).sort((a, b) => shares[b]! - shares[a]! || a - b);
  const chosen = new Array<number>(shares.length).fill(0);
  const owned: number[] = [];
  for (let i = 0; i < blockSize; i++) {
    const taker = order.find((s) => i * shares[s]! >= chosen[s]! * blockSize)!;
    chosen[taker]!++;
    if (taker === position) owned.push(i);
  }
  return { owned, blockSize };
}

/** How many of the ascending `values` are < limit. */
function countBelow(values: readonly number[], limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** round(v·r), halves up. */
function roundHalfUp(v: bigint, r: Rational): bigint {
  const twice = 2n * v * r.num + r.den;
  const den = 2n * r.den;
  // floor division for non-negative v
  return twice / den;
}
