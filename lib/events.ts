/**
 * A seeded generator of realistic analytics events (~250 bytes of JSON each): page views, clicks,
 * add-to-cart and purchases, with Zipf-skewed users and products, and configurable fractions of
 * late and out-of-order event times, duplicates, and malformed records. Same seed and generator
 * id, same sequence of `nowMs` ⇒ same records. This is the hot path: one template string per
 * event; JSON.parse/stringify only for the rare malformed records.
 */
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
  /** event time in epoch ms (what the record says, lateness applied) */
  eventTimeMs: number;
  /** 0 for page views and clicks */
  amountCents: number;
}

const EVENT_TYPES = new WeightedPicker<EventType>([['page_view', 60], ['click', 25], ['add_to_cart', 10], ['purchase', 5]]);
const COUNTRIES = new WeightedPicker<string>([
  ['US', 30], ['DE', 12], ['GB', 10], ['FR', 8], ['IN', 8], ['BR', 7], ['JP', 6], ['ES', 5], ['IT', 5], ['NL', 4], ['CA', 5],
]);
const CURRENCY: Readonly<Record<string, string>> = {
  US: 'USD', DE: 'EUR', GB: 'GBP', FR: 'EUR', IN: 'INR', BR: 'BRL', JP: 'JPY', ES: 'EUR', IT: 'EUR', NL: 'EUR', CA: 'CAD',
};
const DEVICES = new WeightedPicker<string>([['mobile', 55], ['desktop', 38], ['tablet', 7]]);
const SESSION_MS = 30 * 60 * 1000;
const DUPLICATE_POOL = 256;
const REQUIRED_FIELDS = ['event_id', 'type', 'user_id', 'event_time', 'event_time_ms'] as const;

export class EventGenerator {
  private readonly rnd: Random;
  private readonly users: ZipfSampler;
  private readonly products: ZipfSampler;
  private readonly pages: number;
  private readonly idPrefix: string;
  private readonly malformedKinds: readonly MalformedKind[];
  private readonly oversizedBytes: number;
  private readonly lateBy: readonly [number, number];
  private readonly outOfOrderBy: readonly [number, number];
  /** cumulative thresholds for one uniform draw: duplicate < malformed < late < out_of_order < valid */
  private readonly cutDuplicate: number;
  private readonly cutMalformed: number;
  private readonly cutLate: number;
  private readonly cutOutOfOrder: number;
  private readonly recent: GeneratedEvent[] = [];
  private counter = 0;
  private timeMs = NaN;
  private sessionSuffix = '';
  private timeFields = '';

  constructor(config: EventGeneratorConfig) {
    const generatorId = config.generatorId ?? '0';
    this.rnd = new Random(hashSeed(`${config.seed}/${generatorId}`));
    this.users = new ZipfSampler(config.users ?? 100_000, config.userSkew ?? 1);
    this.products = new ZipfSampler(config.products ?? 5_000, config.productSkew ?? 1);
    this.pages = config.pages ?? 200;
    this.idPrefix = `e${generatorId}-`;
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
    if (sum > 1) throw new Error(`EventGenerator: duplicate, malformed, late and out-of-order fractions add up to ${sum}; they must not exceed 1`);
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
    const u = this.rnd.next();
    if (u < this.cutDuplicate && this.recent.length > 0) {
      return { ...this.recent[this.rnd.int(this.recent.length)]!, kind: 'duplicate' };
    }
    if (u < this.cutMalformed && u >= this.cutDuplicate) {
      return this.malformed(this.rnd.pick(this.malformedKinds), nowMs);
    }
    let kind: RecordKind = 'valid';
    let eventTimeMs = nowMs;
    if (u >= this.cutMalformed && u < this.cutLate) {
      kind = 'late';
      eventTimeMs -= this.rnd.range(this.lateBy[0], this.lateBy[1]);
    } else if (u >= this.cutLate && u < this.cutOutOfOrder) {
      kind = 'out_of_order';
      eventTimeMs -= this.rnd.range(this.outOfOrderBy[0], this.outOfOrderBy[1]);
    }
    const event = this.event(kind, eventTimeMs);
    this.remember(event);
    return event;
  }

  /** `count` records sent at `nowMs`. */
  batch(count: number, nowMs: number): GeneratedEvent[] {
    const out = new Array<GeneratedEvent>(count);
    for (let i = 0; i < count; i++) out[i] = this.next(nowMs);
    return out;
  }

  private event(kind: RecordKind, eventTimeMs: number): GeneratedEvent {
    const rnd = this.rnd;
    const eventId = this.idPrefix + (this.counter++).toString(36);
    const type = EVENT_TYPES.pick(rnd);
    const userId = 'u' + this.users.sample(rnd);
    const country = COUNTRIES.pick(rnd);
    const device = DEVICES.pick(rnd);
    const page = rnd.int(this.pages);
    let product = 'null';
    let amountCents = 0;
    if (type === 'add_to_cart' || type === 'purchase') {
      const rank = this.products.sample(rnd);
      product = `"pr${rank}"`;
      amountCents = productPriceCents(rank) * rnd.range(1, 3);
    }
    if (eventTimeMs !== this.timeMs) this.formatTime(eventTimeMs);
    const value =
      `{"event_id":"${eventId}","type":"${type}","user_id":"${userId}","session_id":"${userId}${this.sessionSuffix}",` +
      `"page_id":"pg${page}","product_id":${product},"amount_cents":${amountCents},"currency":"${CURRENCY[country]}",` +
      `"country":"${country}","device":"${device}"${this.timeFields}`;
    return { key: userId, value, kind, eventId, type, userId, eventTimeMs, amountCents };
  }

  private malformed(kind: MalformedKind, nowMs: number): GeneratedEvent {
    const event = this.event(kind, nowMs);
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
      const mistypes: Array<() => void> = [
        () => { fields.amount_cents = `${event.amountCents / 100} ${fields.currency}`; },
        () => { fields.event_time_ms = fields.event_time; },
        () => { fields.user_id = Number(event.userId.slice(1)); },
        () => { fields.event_time = event.eventTimeMs; },
      ];
      mistypes[this.rnd.int(mistypes.length)]!();
    }
    return { ...event, value: JSON.stringify(fields) };
  }

  private remember(event: GeneratedEvent): void {
    if (this.recent.length < DUPLICATE_POOL) this.recent.push(event);
    else this.recent[this.rnd.int(DUPLICATE_POOL)] = event;
  }

  /** events of a batch share their send time: format the time-derived parts once */
  private formatTime(ms: number): void {
    this.timeMs = ms;
    this.sessionSuffix = '.' + Math.floor(ms / SESSION_MS).toString(36);
    this.timeFields = `,"event_time":"${new Date(ms).toISOString()}","event_time_ms":${ms},"v":1}`;
  }
}

/** A stable list price per product, 1.99 to 201.98 */
export function productPriceCents(productRank: number): number {
  return 199 + ((productRank * 7919) % 20_000);
}
