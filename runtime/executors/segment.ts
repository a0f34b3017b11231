/**
 * Execution segments (docs/k6-compatibility.md#execution-segments): which part of every scenario this instance runs.
 *
 * The sequence's segments split each block of L global indices (L = LCD of the segment lengths'
 * denominators) between them, `length·L` indices each, spread evenly, largest segments choosing
 * first. Global iteration indices, arrival-rate start slots and VU ids are partitioned this way,
 * so instances never overlap and together cover everything. Without a sequence, the sequence is
 * filled around the segment and striped alike: k6's executors always scale by striping (their
 * ExecutionTuple over the filled sequence), never by rounding.
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

/**
 * One level of division: a segment of a sequence and the indices of each block of `blockSize`
 * (L) it owns. Every segment of the sequence is dealt at once, so the sequence can be re-segmented.
 */
class Stripe {
  static readonly WHOLE = new Stripe([Rational.ZERO, Rational.ONE], 0);

  readonly from: Rational;
  readonly to: Rational;
  /** per segment of the sequence, ascending */
  private readonly dealt: readonly (readonly number[])[];
  /** L: indices per block */
  readonly blockSize: number;

  constructor(
    /** filled sequence: 0, …, 1 */
    boundaries: readonly Rational[],
    private readonly position: number,
  ) {
    this.from = boundaries[position]!;
    this.to = boundaries[position + 1]!;
    ({ dealt: this.dealt, blockSize: this.blockSize } = deal(boundaries));
  }

  /** ascending */
  get owned(): readonly number[] {
    return this.dealt[this.position]!;
  }

  /** k6's ScaleInt64: how many of the global indices below v this segment owns. */
  scale(v: number, owned = this.owned): number {
    if (owned.length === this.blockSize) return v;
    const blocks = Math.floor(v / this.blockSize);
    return blocks * owned.length + countBelow(owned, v - blocks * this.blockSize);
  }

  globalIndex(local: number): number {
    const owned = this.owned;
    const blocks = Math.floor(local / owned.length);
    return blocks * this.blockSize + owned[local - blocks * owned.length]!;
  }

  /**
   * k6's GetNewExecutionTupleFromValue: each segment of the sequence becomes the share of `value` it
   * scales to ([prev/value, (prev+n)/value), segments with n = 0 dropped). Undefined when this
   * segment gets none of `value`.
   */
  resegment(value: number): Stripe | undefined {
    if (value < 1) return undefined;
    if (value % this.blockSize === 0) return this;
    const bounds = [Rational.ZERO];
    let position = -1;
    let prev = 0;
    this.dealt.forEach((owned, i) => {
      const n = this.scale(value, owned);
      if (n === 0) return;
      prev += n;
      if (i === this.position) position = bounds.length - 1;
      bounds.push(Rational.of(BigInt(prev), BigInt(value)));
    });
    return position < 0 ? undefined : new Stripe(bounds, position);
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
   * This instance's share of an integer (VUs, iterations, preAllocatedVUs, maxVUs): how many of the
   * global indices below `v` this segment owns (k6's ScaleInt64), so the shares of a sequence sum to `v`.
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
   * This segment after k6 re-segments the sequence by `value` (GetNewExecutionTupleFromValue):
   * shared-iterations by `vus`, arrival-rate executors by `maxVUs` share and number their work on
   * it. Undefined when this segment gets none of `value` (it has no work). A split part stays the
   * same part of its re-segmented parent, so the parts still add up to the parent's share.
   */
  resegment(value: number): SegmentContext | undefined {
    if (this.parent) {
      const parent = this.parent.resegment(value);
      if (!parent) return undefined;
      return parent === this.parent ? this : new SegmentContext(this.stripe, parent);
    }
    const stripe = this.stripe.resegment(value);
    if (!stripe) return undefined;
    return stripe === this.stripe ? this : new SegmentContext(stripe);
  }

  /**
   * Splits this segment into `count` equal parts (e.g. one per worker thread) that divide exactly
   * this segment's own indices and shares. Unlike refining the sequence, this keeps the striping
   * every other instance of the sequence relies on.
   */
  split(count: number): SegmentContext[] {
    if (count === 1) return [this];
    const n = BigInt(count);
    const bounds = Array.from({ length: count + 1 }, (_, j) => Rational.of(BigInt(j), n));
    return Array.from({ length: count }, (_, j) => new SegmentContext(new Stripe(bounds, j), this));
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
  const block = blockOf(lengthsOf(boundaries));
  if (block > BigInt(MAX_STRIPE_BLOCK)) {
    throw new ConfigError(
      `${SEQUENCE_FLAG} "${boundaries.join(',')}" splits the work into ${block} parts; use coarser fractions (at most ${MAX_STRIPE_BLOCK} parts)`,
    );
  }
  // without a sequence k6 stripes over the sequence filled around the segment, as here
  return new SegmentContext(new Stripe(boundaries, position));
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
    throw new ConfigError(`invalid ${SEQUENCE_FLAG} "${text}": ${why}; use increasing values between 0 and 1, e.g. "0,1/4,1/2,1"`);
  };
  const values = text.split(',').map((p) => parseRational(p) ?? fail(`"${p.trim()}" is not a fraction, decimal or percent`));
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

function lengthsOf(boundaries: readonly Rational[]): Rational[] {
  return boundaries.slice(1).map((b, i) => b.sub(boundaries[i]!));
}

/** L: the LCD of the segment lengths' denominators. */
function blockOf(lengths: readonly Rational[]): bigint {
  return lengths.reduce((acc, l) => lcm(acc, l.den), 1n);
}

/**
 * Deals the indices 0…L−1 of a block between the segments: at index i the first segment (largest
 * first, then in order) that is not ahead of its even share — i·n ≥ chosen·L, with n = its indices
 * per block — takes it. Some segment always qualifies, and none ever exceeds its share.
 */
function deal(boundaries: readonly Rational[]): { dealt: number[][]; blockSize: number } {
  const lengths = lengthsOf(boundaries);
  const block = blockOf(lengths);
  const blockSize = Number(block);
  const shares = lengths.map((l) => Number((l.num * block) / l.den));
  const order = shares.map((_, i) => i).sort((a, b) => shares[b]! - shares[a]! || a - b);
  const chosen = new Array<number>(shares.length).fill(0);
  const dealt = shares.map((): number[] => []);
  for (let i = 0; i < blockSize; i++) {
    const taker = order.find((s) => i * shares[s]! >= chosen[s]! * blockSize)!;
    chosen[taker]!++;
    dealt[taker]!.push(i);
  }
  return { dealt, blockSize };
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
