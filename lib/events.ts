/**
 * A seeded generator of realistic analytics events (~250 bytes of JSON each): page views, clicks,
 * add-to-cart and purchases, with Zipf-skewed users and products, and configurable fractions of
 * late and out-of-order event times, duplicates, and malformed records. Same seed and generator
 * id, same sequence of `nowMs` ⇒ same records. This is the hot path (up to 150,000 events/s per
 * machine): a record's bytes are written straight into a slab (lib/ascii-slab.ts) from ~10 pieces,
 * most of them precomputed JSON fragments, and the key is a view of the user id inside them; the
 * time fields are formatted once per send time; JSON.parse/stringify only for malformed records.
 * Records are ASCII: the generator id must be, and everything else is by construction.
 */
import { AsciiSlab, asciiBytes, asciiText, writeUint } from './ascii-slab.ts';
import { DecimalCounter } from './decimal-counter.ts';
import { hashSeed, Random, WeightedPicker } from './random.ts';
import { ZipfSampler } from './zipf.ts';

export type EventType = 'page_view' | 'click' | 'add_to_cart' | 'purchase';
export type MalformedKind = 'bad_json' | 'missing_field' | 'mistyped_field' | 'oversized';
/** Exactly one kind per record: the fractions below are exclusive. */
export type RecordKind = 'valid' | 'late' | 'out_of_order' | 'duplicate' | MalformedKind;

export const MALFORMED_KINDS: readonly MalformedKind[] = ['bad_json', 'missing_field', 'mistyped_field', 'oversized'];

export interface EventGeneratorConfig {
  seed: number;
  /** distinguishes generators that share a seed (e.g. the VU id); prefixes event ids; default '0' */
  generatorId?: string;
  /** distinct users (default 100000) and their Zipf exponent (default 1) */
  users?: number;
  userSkew?: number;
  /** distinct products (default 5000) and their Zipf exponent (default 1) */
  products?: number;
  productSkew?: number;
  /** distinct pages (default 200), uniform */
  pages?: number;
  /** event time far behind the send time (beyond a typical allowed lateness) */
  lateFraction?: number;
  /** [min, max] ms behind; default [60000, 600000] */
  lateByMs?: readonly [number, number];
  /** event time slightly behind, within a typical allowed lateness */
  outOfOrderFraction?: number;
  /** [min, max] ms behind; default [1, 5000] */
  outOfOrderByMs?: readonly [number, number];
  /** exact copies (same key, value, event id) of a recent valid event */
  duplicateFraction?: number;
  malformedFraction?: number;
  /** kinds drawn uniformly for malformed records; default all of MALFORMED_KINDS */
  malformedKinds?: readonly MalformedKind[];
  /** size of an oversized record in bytes; default 65536 */
  oversizedBytes?: number;
}

/** A generated record. A plain object, not a class: every VU has its own copy of a class, so class instances
 * made by this shared code would have one shape per VU and every access to them would go megamorphic. */
export interface GeneratedEvent {
  kind: RecordKind;
  /** Kafka record key: the user id */
  key: string;
  /** the key's bytes, as produced */
  keyBytes: Uint8Array;
  /** the Kafka record value's bytes: JSON, except for bad_json; never modify (a duplicate shares them) */
  valueBytes: Uint8Array;
  eventId: string;
  type: EventType;
  userId: string;
  /** event time in whole epoch ms (what the record says, lateness applied) */
  eventTimeMs: number;
  /** 0 for page views and clicks */
  amountCents: number;
}

/** The record value as text (decoded on each call: the bytes are what the hot path sends). */
export function eventValue(e: GeneratedEvent): string {
  return asciiText(e.valueBytes);
}

interface EventTypeSpec {
  type: EventType;
  /** carries a product and an amount */
  priced: boolean;
  /** the JSON between the event id's value and the user id's value */
  fragment: Uint8Array;
}

const EVENT_TYPES = new WeightedPicker<EventTypeSpec>(
  (
    [
      ['page_view', 60],
      ['click', 25],
      ['add_to_cart', 10],
      ['purchase', 5],
    ] as const
  ).map(([type, weight]) => [
    { type, priced: type === 'add_to_cart' || type === 'purchase', fragment: asciiBytes(`","type":"${type}","user_id":"`) },
    weight,
  ]),
);
const COUNTRIES: ReadonlyArray<readonly [country: string, currency: string, weight: number]> = [
  ['US', 'USD', 30],
  ['DE', 'EUR', 12],
  ['GB', 'GBP', 10],
  ['FR', 'EUR', 8],
  ['IN', 'INR', 8],
  ['BR', 'BRL', 7],
  ['JP', 'JPY', 6],
  ['ES', 'EUR', 5],
  ['IT', 'EUR', 5],
  ['NL', 'EUR', 4],
  ['CA', 'CAD', 5],
];
const DEVICES: ReadonlyArray<readonly [device: string, weight: number]> = [
  ['mobile', 55],
  ['desktop', 38],
  ['tablet', 7],
];
/** country and device are independent: one pick of their joint JSON fragment */
const GEO_FRAGMENTS = new WeightedPicker<Uint8Array>(
  COUNTRIES.flatMap(([country, currency, wc]) =>
    DEVICES.map(([device, wd]) => [asciiBytes(`,"currency":"${currency}","country":"${country}","device":"${device}"`), wc * wd] as const),
  ),
);
const EVENT_ID_OPEN = asciiBytes('{"event_id":"');
const SESSION_OPEN = asciiBytes('","session_id":"');
const UNPRICED = asciiBytes('","product_id":null,"amount_cents":0');
const PRICED_PRODUCT = asciiBytes('","product_id":"pr');
const AMOUNT = asciiBytes('","amount_cents":');
const USER_PREFIX = 0x75; // u
const PADDING_OPEN = asciiBytes(',"padding":"');
/** a record's bytes beyond the generator id's: the longest fragments, ids and numbers, with room to spare */
const MAX_EVENT_BYTES = 512;
const SESSION_MS = 30 * 60 * 1000;
const DUPLICATE_POOL = 256;
const REQUIRED_FIELDS = ['event_id', 'type', 'user_id', 'event_time', 'event_time_ms'] as const;

/** the JSON from the session id's suffix to the page id's value */
function sessionFragment(ms: number): string {
  return `.${Math.floor(ms / SESSION_MS).toString(36)}","page_id":"pg`;
}

/** the JSON from the event time to the end */
function timeFragment(ms: number): string {
  return `,"event_time":"${new Date(ms).toISOString()}","event_time_ms":${ms},"v":1}`;
}

/** Writes a fragment at `at`, returns the end: bytes made once per send time, or text made for one late event
 * (a Uint8Array over 64 bytes is an off-heap allocation, dearer than the copy). */
function put(buf: Uint8Array, at: number, piece: Uint8Array | string): number {
  if (typeof piece !== 'string') {
    buf.set(piece, at);
    return at + piece.length;
  }
  for (let i = 0; i < piece.length; i++) buf[at++] = piece.charCodeAt(i);
  return at;
}

/** printable ASCII but the quote and backslash: it is written into JSON strings as is */
const PLAIN_ID = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

export class EventGenerator {
  private readonly rnd: Random;
  private readonly users: ZipfSampler;
  private readonly products: ZipfSampler;
  private readonly pages: number;
  private readonly eventIds: DecimalCounter;
  private readonly malformedKinds: readonly MalformedKind[];
  private readonly oversizedBytes: number;
  private readonly lateBy: readonly [number, number];
  private readonly outOfOrderBy: readonly [number, number];
  /** cumulative thresholds for one uniform draw: duplicate < malformed < late < out_of_order < valid */
  private readonly cutDuplicate: number;
  private readonly cutMalformed: number;
  private readonly cutLate: number;
  private readonly cutOutOfOrder: number;
  /** the last DUPLICATE_POOL events, kept only when duplicates are configured */
  private readonly recent: GeneratedEvent[] = [];
  private recentNext = 0;
  /** the fragments of the last send time: every valid event of a batch shares them */
  private sendMs = NaN;
  private sendSession: Uint8Array = new Uint8Array(0);
  private sendTime: Uint8Array = new Uint8Array(0);
  private readonly slab = new AsciiSlab();
  private readonly maxEventBytes: number;

  constructor(config: EventGeneratorConfig) {
    const generatorId = config.generatorId ?? '0';
    if (!PLAIN_ID.test(generatorId)) {
      throw new Error(
        `EventGenerator: generatorId must be printable ASCII without quotes or backslashes, got ${JSON.stringify(generatorId)}`,
      );
    }
    this.maxEventBytes = MAX_EVENT_BYTES + generatorId.length;
    this.rnd = new Random(hashSeed(`${config.seed}/${generatorId}`));
    this.users = new ZipfSampler(config.users ?? 100_000, config.userSkew ?? 1);
    this.products = new ZipfSampler(config.products ?? 5_000, config.productSkew ?? 1);
    this.pages = config.pages ?? 200;
    this.eventIds = new DecimalCounter(`e${generatorId}-`);
    this.malformedKinds = config.malformedKinds ?? MALFORMED_KINDS;
    this.oversizedBytes = config.oversizedBytes ?? 65_536;
    this.lateBy = config.lateByMs ?? [60_000, 600_000];
    this.outOfOrderBy = config.outOfOrderByMs ?? [1, 5_000];

    const fractions = {
      duplicateFraction: config.duplicateFraction ?? 0,
      malformedFraction: config.malformedFraction ?? 0,
      lateFraction: config.lateFraction ?? 0,
      outOfOrderFraction: config.outOfOrderFraction ?? 0,
    };
    let sum = 0;
    for (const [name, f] of Object.entries(fractions)) {
      if (!(f >= 0 && f <= 1)) throw new Error(`EventGenerator: ${name} must be between 0 and 1, got ${f}`);
      sum += f;
    }
    if (sum > 1)
      throw new Error(`EventGenerator: duplicate, malformed, late and out-of-order fractions add up to ${sum}; they must not exceed 1`);
    if (this.malformedKinds.length === 0 && fractions.malformedFraction > 0) {
      throw new Error('EventGenerator: malformedKinds is empty but malformedFraction > 0');
    }
    this.cutDuplicate = fractions.duplicateFraction;
    this.cutMalformed = this.cutDuplicate + fractions.malformedFraction;
    this.cutLate = this.cutMalformed + fractions.lateFraction;
    this.cutOutOfOrder = this.cutLate + fractions.outOfOrderFraction;
  }

  /** One record, sent at `nowMs` (epoch ms; use the iteration's intended start for reproducible runs). */
  next(nowMs: number): GeneratedEvent {
    // all-valid streams skip the kind draw
    const u = this.cutOutOfOrder > 0 ? this.rnd.next() : 1;
    if (u >= this.cutOutOfOrder) return this.remember(this.event('valid', nowMs, 0));
    if (u < this.cutDuplicate && this.recent.length > 0) {
      return { ...this.recent[this.rnd.int(this.recent.length)]!, kind: 'duplicate' };
    }
    if (u < this.cutMalformed && u >= this.cutDuplicate) {
      return this.malformed(this.rnd.pick(this.malformedKinds), nowMs);
    }
    if (u >= this.cutMalformed && u < this.cutLate) {
      return this.remember(this.event('late', nowMs, this.rnd.range(this.lateBy[0], this.lateBy[1])));
    }
    if (u >= this.cutLate) {
      return this.remember(this.event('out_of_order', nowMs, this.rnd.range(this.outOfOrderBy[0], this.outOfOrderBy[1])));
    }
    // a duplicate drawn before any event exists
    return this.remember(this.event('valid', nowMs, 0));
  }

  /** `count` records sent at `nowMs`. */
  batch(count: number, nowMs: number): GeneratedEvent[] {
    const out = new Array<GeneratedEvent>(count);
    for (let i = 0; i < count; i++) out[i] = this.next(nowMs);
    return out;
  }

  /** a well-formed record sent at `nowMs` whose event time is `lateByMs` earlier */
  private event(kind: RecordKind, nowMs: number, lateByMs: number): GeneratedEvent {
    // event times are whole ms, as consumers parse them (intended start times may be fractional)
    const sentMs = Math.floor(nowMs);
    const rnd = this.rnd;
    const eventId = this.eventIds.next();
    const spec = EVENT_TYPES.pick(rnd);
    const user = this.users.sample(rnd);
    const geo = GEO_FRAGMENTS.pick(rnd);
    const page = rnd.int(this.pages);
    let product = 0;
    let amountCents = 0;
    if (spec.priced) {
      product = this.products.sample(rnd);
      amountCents = productPriceCents(product) * rnd.range(1, 3);
    }
    const eventTimeMs = sentMs - lateByMs;
    let session: Uint8Array | string;
    let time: Uint8Array | string;
    if (lateByMs === 0) {
      if (sentMs !== this.sendMs) {
        this.sendMs = sentMs;
        this.sendSession = asciiBytes(sessionFragment(sentMs));
        this.sendTime = asciiBytes(timeFragment(sentMs));
      }
      session = this.sendSession;
      time = this.sendTime;
    } else {
      session = sessionFragment(eventTimeMs);
      time = timeFragment(eventTimeMs);
    }
    // Written with a local cursor and typed-array builtins, few calls and field loads: every VU of a
    // thread shares this code but has its own classes, so its calls and field loads are megamorphic.
    const slab = this.slab;
    const buf = slab.reserve(this.maxEventBytes);
    const start = slab.at;
    let at = start;
    buf.set(EVENT_ID_OPEN, at);
    at += EVENT_ID_OPEN.length;
    for (let i = 0; i < eventId.length; i++) buf[at++] = eventId.charCodeAt(i);
    buf.set(spec.fragment, at);
    at += spec.fragment.length;
    const userAt = at;
    buf[at++] = USER_PREFIX;
    at = writeUint(buf, at, user);
    const userEnd = at;
    buf.set(SESSION_OPEN, at);
    at += SESSION_OPEN.length;
    buf.copyWithin(at, userAt, userEnd);
    at += userEnd - userAt;
    at = put(buf, at, session);
    at = writeUint(buf, at, page);
    if (spec.priced) {
      buf.set(PRICED_PRODUCT, at);
      at = writeUint(buf, at + PRICED_PRODUCT.length, product);
      buf.set(AMOUNT, at);
      at = writeUint(buf, at + AMOUNT.length, amountCents);
    } else {
      buf.set(UNPRICED, at);
      at += UNPRICED.length;
    }
    buf.set(geo, at);
    at += geo.length;
    at = put(buf, at, time);
    slab.at = at;
    const userId = 'u' + user;
    return {
      kind,
      key: userId,
      keyBytes: buf.subarray(userAt, userEnd),
      valueBytes: buf.subarray(start, at),
      eventId,
      type: spec.type,
      userId,
      eventTimeMs,
      amountCents,
    };
  }

  private malformed(kind: MalformedKind, nowMs: number): GeneratedEvent {
    const event = this.event(kind, nowMs, 0);
    const body = event.valueBytes;
    if (kind === 'oversized') {
      // `body` less its closing brace, then ,"padding":"xxx…"} up to oversizedBytes in all
      const padding = Math.max(0, this.oversizedBytes - body.length - 13);
      const slab = this.slab;
      const buf = slab.reserve(body.length + 13 + padding);
      const start = slab.at;
      buf.set(body.subarray(0, body.length - 1), start);
      let at = put(buf, start + body.length - 1, PADDING_OPEN);
      buf.fill(0x78, at, at + padding); // x
      at = put(buf, at + padding, '"}');
      slab.at = at;
      return { ...event, valueBytes: buf.subarray(start, at) };
    }
    if (kind === 'bad_json') {
      return { ...event, valueBytes: body.subarray(0, this.rnd.range(1, body.length - 1)) };
    }
    const fields = JSON.parse(eventValue(event)) as Record<string, unknown>;
    if (kind === 'missing_field') {
      delete fields[this.rnd.pick(REQUIRED_FIELDS)];
    } else {
      switch (this.rnd.int(4)) {
        case 0:
          fields.amount_cents = `${event.amountCents / 100} ${fields.currency}`;
          break;
        case 1:
          fields.event_time_ms = fields.event_time;
          break;
        case 2:
          fields.user_id = Number(event.userId.slice(1));
          break;
        default:
          fields.event_time = event.eventTimeMs;
      }
    }
    return this.rewritten(event, JSON.stringify(fields));
  }

  /** `event` with `value` instead (ASCII: JSON.stringify of ASCII stays ASCII) */
  private rewritten(event: GeneratedEvent, value: string): GeneratedEvent {
    return { ...event, valueBytes: this.slab.text(value) };
  }

  /** a ring of recent events to duplicate from (no draw: duplicates pick from it at random) */
  private remember(event: GeneratedEvent): GeneratedEvent {
    if (this.cutDuplicate > 0) {
      this.recent[this.recentNext] = event;
      this.recentNext = (this.recentNext + 1) % DUPLICATE_POOL;
    }
    return event;
  }
}

/** A stable list price per product, 1.99 to 201.98 */
export function productPriceCents(productRank: number): number {
  return 199 + ((productRank * 7919) % 20_000);
}
