import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EventGenerator,
  MALFORMED_KINDS,
  productPriceCents,
  type GeneratedEvent,
  type RecordKind,
  eventValue,
} from '../../../lib/events.ts';

const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);

/** n records, 100 per "iteration", iterations 10 ms apart */
function generate(gen: EventGenerator, n: number): GeneratedEvent[] {
  const out: GeneratedEvent[] = [];
  for (let i = 0; i < n; i += 100) out.push(...gen.batch(Math.min(100, n - i), T0 + i / 10));
  return out;
}

function kinds(events: GeneratedEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  return counts;
}

describe('EventGenerator', () => {
  test('same seed and generator id ⇒ same records; otherwise different', () => {
    const config = { seed: 9, generatorId: '3', malformedFraction: 0.05, duplicateFraction: 0.05, lateFraction: 0.05 };
    const a = generate(new EventGenerator(config), 2000);
    const b = generate(new EventGenerator(config), 2000);
    assert.deepEqual(a, b);
    const c = generate(new EventGenerator({ ...config, seed: 10 }), 2000);
    const d = generate(new EventGenerator({ ...config, generatorId: '4' }), 2000);
    assert.notDeepEqual(
      a.map((e) => eventValue(e)),
      c.map((e) => eventValue(e)),
    );
    assert.notDeepEqual(
      a.map((e) => e.key),
      d.map((e) => e.key),
    );
  });

  test('valid records are ~250-byte JSON analytics events keyed by user id', () => {
    const events = generate(new EventGenerator({ seed: 1 }), 5000);
    let bytes = 0;
    const types = new Set<string>();
    for (const e of events) {
      assert.equal(e.kind, 'valid');
      const v = JSON.parse(eventValue(e));
      assert.equal(v.user_id, e.key);
      assert.equal(v.event_id, e.eventId);
      assert.equal(v.event_time_ms, e.eventTimeMs);
      assert.equal(new Date(v.event_time).getTime(), e.eventTimeMs);
      assert.equal(v.amount_cents, e.amountCents);
      assert.ok(v.session_id.startsWith(`${e.key}.`));
      for (const field of ['type', 'page_id', 'country', 'device', 'currency']) assert.equal(typeof v[field], 'string', field);
      if (e.type === 'purchase' || e.type === 'add_to_cart') {
        assert.ok(v.amount_cents > 0 && typeof v.product_id === 'string');
        const rank = Number(v.product_id.slice(2));
        assert.equal(v.amount_cents % productPriceCents(rank), 0);
      } else {
        assert.equal(v.amount_cents, 0);
        assert.equal(v.product_id, null);
      }
      types.add(e.type);
      bytes += eventValue(e).length;
    }
    assert.deepEqual([...types].sort(), ['add_to_cart', 'click', 'page_view', 'purchase']);
    const mean = bytes / events.length;
    assert.ok(mean > 225 && mean < 285, `mean size ${mean}`);
    assert.equal(new Set(events.map((e) => e.eventId)).size, events.length, 'event ids are unique');
  });

  test('the record layout: fields in order, whole-ms event times from fractional send times', () => {
    const gen = new EventGenerator({ seed: 5, generatorId: '2', outOfOrderFraction: 0.5 });
    const events = gen.batch(200, T0 + 0.6667);
    for (const e of events) {
      assert.deepEqual(Object.keys(JSON.parse(eventValue(e))), [
        'event_id',
        'type',
        'user_id',
        'session_id',
        'page_id',
        'product_id',
        'amount_cents',
        'currency',
        'country',
        'device',
        'event_time',
        'event_time_ms',
        'v',
      ]);
      assert.ok(Number.isInteger(e.eventTimeMs));
      if (e.kind === 'valid') assert.equal(e.eventTimeMs, T0);
    }
    assert.deepEqual(
      events.slice(0, 3).map((e) => e.eventId),
      ['e2-0', 'e2-1', 'e2-2'],
    );
    assert.equal(events[150]!.eventId, 'e2-150');
  });

  test('user keys are Zipf-skewed', () => {
    const events = generate(new EventGenerator({ seed: 2, users: 10_000 }), 20_000);
    const perUser = new Map<string, number>();
    for (const e of events) perUser.set(e.key, (perUser.get(e.key) ?? 0) + 1);
    const share = (perUser.get('u0') ?? 0) / events.length;
    assert.ok(share > 0.08 && share < 0.125, `top user share ${share}`);
    assert.ok(perUser.size > 1000, `distinct users ${perUser.size}`);
  });

  test('late, out-of-order, duplicate and malformed fractions come out as configured', () => {
    const gen = new EventGenerator({
      seed: 3,
      lateFraction: 0.02,
      outOfOrderFraction: 0.1,
      duplicateFraction: 0.01,
      malformedFraction: 0.04,
    });
    const n = 50_000;
    const events = generate(gen, n);
    const counts = kinds(events);
    const near = (kind: RecordKind | 'malformed', expected: number) => {
      const got = kind === 'malformed' ? MALFORMED_KINDS.reduce((s, k) => s + (counts[k] ?? 0), 0) : (counts[kind] ?? 0);
      assert.ok(Math.abs(got / n - expected) < expected * 0.15 + 0.001, `${kind}: ${got / n} vs ${expected}`);
    };
    near('late', 0.02);
    near('out_of_order', 0.1);
    near('duplicate', 0.01);
    near('malformed', 0.04);
    for (const k of MALFORMED_KINDS) assert.ok((counts[k] ?? 0) > 200, `${k}: ${counts[k]}`);
  });

  test('each kind of record is what it claims to be', () => {
    const gen = new EventGenerator({
      seed: 4,
      lateFraction: 0.05,
      outOfOrderFraction: 0.05,
      duplicateFraction: 0.05,
      malformedFraction: 0.2,
      oversizedBytes: 10_000,
    });
    const seen = new Map<string, GeneratedEvent>();
    for (let i = 0; i < 200; i++) {
      const sendMs = T0 + i * 10;
      for (const e of gen.batch(50, sendMs)) {
        switch (e.kind) {
          case 'valid':
            assert.equal(e.eventTimeMs, sendMs);
            break;
          case 'late':
            assert.ok(sendMs - e.eventTimeMs >= 60_000 && sendMs - e.eventTimeMs <= 600_000);
            assert.equal(JSON.parse(eventValue(e)).event_time_ms, e.eventTimeMs);
            break;
          case 'out_of_order':
            assert.ok(sendMs - e.eventTimeMs >= 1 && sendMs - e.eventTimeMs <= 5_000);
            break;
          case 'duplicate': {
            const original = seen.get(e.eventId);
            assert.ok(original, `duplicate of an earlier event ${e.eventId}`);
            assert.equal(eventValue(e), eventValue(original));
            assert.equal(e.key, original.key);
            break;
          }
          case 'bad_json':
            assert.throws(() => JSON.parse(eventValue(e)));
            break;
          case 'missing_field': {
            const v = JSON.parse(eventValue(e));
            assert.ok(
              ['event_id', 'type', 'user_id', 'event_time', 'event_time_ms'].some((f) => !(f in v)),
              eventValue(e),
            );
            break;
          }
          case 'mistyped_field': {
            const v = JSON.parse(eventValue(e));
            const wellTyped =
              typeof v.amount_cents === 'number' &&
              typeof v.event_time_ms === 'number' &&
              typeof v.user_id === 'string' &&
              typeof v.event_time === 'string';
            assert.ok(!wellTyped, eventValue(e));
            break;
          }
          case 'oversized':
            assert.equal(eventValue(e).length, 10_000);
            assert.equal(JSON.parse(eventValue(e)).user_id, e.key);
            break;
        }
        if (!seen.has(e.eventId)) seen.set(e.eventId, e);
      }
    }
  });

  test('rejects fractions that cannot hold', () => {
    assert.throws(() => new EventGenerator({ seed: 1, lateFraction: 1.5 }), /lateFraction must be between 0 and 1/);
    assert.throws(() => new EventGenerator({ seed: 1, lateFraction: 0.6, malformedFraction: 0.6 }), /add up to 1\.2/);
    assert.throws(() => new EventGenerator({ seed: 1, malformedFraction: 0.1, malformedKinds: [] }), /malformedKinds is empty/);
    assert.throws(() => new EventGenerator({ seed: 1, generatorId: 'a"b' }), /generatorId must be printable ASCII/);
    assert.throws(() => new EventGenerator({ seed: 1, generatorId: 'ü' }), /generatorId must be printable ASCII/);
  });

  test('keys and values are also bytes, as produced: the key is the user id inside the value', () => {
    const gen = new EventGenerator({ seed: 6, generatorId: '9', malformedFraction: 0.2, duplicateFraction: 0.1, lateFraction: 0.1 });
    for (const e of generate(gen, 3000)) {
      assert.equal(Buffer.from(e.keyBytes).toString('latin1'), e.key);
      assert.equal(Buffer.from(e.valueBytes).toString('utf8'), eventValue(e));
      if (e.kind === 'valid') assert.equal(e.keyBytes.buffer, e.valueBytes.buffer);
    }
  });
});
