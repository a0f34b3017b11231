/**
 * A seeded generator of realistic analytics events (~250 bytes of JSON each): page views, clicks,
 * add-to-cart and purchases, with Zipf-skewed users and products, and configurable fractions of
 * late and out-of-order event times, duplicates, and malformed records. Same seed and generator
 * id, same sequence of `nowMs` ⇒ same records. This is the hot path (up to 150,000 events/s per
 * machine): a record is ~10 concatenated pieces, most of them precomputed JSON fragments; the
 * time fields are formatted once per send time; JSON.parse/stringify only for malformed records.
 */
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

export interface GeneratedEvent {
  /** Kafka record key: the user id */
  key: string;
  /** Kafka record value: JSON, except for bad_json */
  value: string;
  kind: RecordKind;
  eventId: string;
  type: EventType;
  userId: string;
  /** event time in whole epoch ms (what the record says, lateness applied) */
  eventTimeMs: number;
  /** 0 for page views and clicks */
  amountCents: number;
}

interface EventTypeSpec {
  type: EventType;
  /** carries a product and an amount */
  priced: boolean;
  /** the JSON between the event id's value and the user id's value */
  fragment: string;
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
    { type, priced: type === 'add_to_cart' || type === 'purchase', fragment: `","type":"${type}","user_id":"` },
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
const GEO_FRAGMENTS = new WeightedPicker<string>(
  COUNTRIES.flatMap(([country, currency, wc]) =>
    DEVICES.map(([device, wd]) => [`,"currency":"${currency}","country":"${country}","device":"${device}"`, wc * wd] as const),
  ),
);
const UNPRICED_FRAGMENT = '","product_id":null,"amount_cents":0';
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
  private sendSession = '';
  private sendTime = '';

  constructor(config: EventGeneratorConfig) {
    const generatorId = config.generatorId ?? '0';
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
    const userId = 'u' + this.users.sample(rnd);
    const geo = GEO_FRAGMENTS.pick(rnd);
    const page = rnd.int(this.pages);
    let product = UNPRICED_FRAGMENT;
    let amountCents = 0;
    if (spec.priced) {
      const rank = this.products.sample(rnd);
      amountCents = productPriceCents(rank) * rnd.range(1, 3);
      product = '","product_id":"pr' + rank + '","amount_cents":' + amountCents;
    }
    const eventTimeMs = sentMs - lateByMs;
    let session: string;
    let time: string;
    if (lateByMs === 0) {
      if (sentMs !== this.sendMs) {
        this.sendMs = sentMs;
        this.sendSession = sessionFragment(sentMs);
        this.sendTime = timeFragment(sentMs);
      }
      session = this.sendSession;
      time = this.sendTime;
    } else {
      session = sessionFragment(eventTimeMs);
      time = timeFragment(eventTimeMs);
    }
    const value = '{"event_id":"' + eventId + spec.fragment + userId + '","session_id":"' + userId + session + page + product + geo + time;
    return { key: userId, value, kind, eventId, type: spec.type, userId, eventTimeMs, amountCents };
  }

  private malformed(kind: MalformedKind, nowMs: number): GeneratedEvent {
    const event = this.event(kind, nowMs, 0);
    if (kind === 'oversized') {
      const padding = Math.max(0, this.oversizedBytes - event.value.length - 13);
      return { ...event, value: `${event.value.slice(0, -1)},"padding":"${'x'.repeat(padding)}"}` };
    }
    if (kind === 'bad_json') {
      return { ...event, value: event.value.slice(0, this.rnd.range(1, event.value.length - 1)) };
    }
    const fields = JSON.parse(event.value) as Record<string, unknown>;
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
    return { ...event, value: JSON.stringify(fields) };
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
