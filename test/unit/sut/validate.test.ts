import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventGenerator, eventValue } from '../../../lib/events.ts';
import { validateEvent, validateRecord } from '../../../sut/validate.ts';

test('generated valid events pass, every malformed kind is rejected with its kind as the reason', () => {
  const gen = new EventGenerator({ seed: 3, malformedFraction: 0.5 });
  for (const e of gen.batch(2000, 1_790_000_000_000)) {
    const v = validateRecord(Buffer.from(eventValue(e)));
    if (e.kind === 'valid') assert.equal(v.ok, true, eventValue(e));
    else assert.ok(!v.ok && v.reason.startsWith(`${e.kind}: `), `${e.kind}: ${v.ok ? 'accepted' : v.reason}`);
  }
});

test('reasons name the field and the rule', () => {
  const base = { event_id: 'e1', type: 'click', user_id: 'u1', page_id: 'pg1', event_time: 't', event_time_ms: 5, amount_cents: 0 };
  assert.deepEqual(validateEvent({ ...base, page_id: undefined }), { ok: false, reason: 'mistyped_field: page_id must be a string' });
  const { page_id: _p, ...noPage } = base;
  assert.deepEqual(validateEvent(noPage), { ok: false, reason: 'missing_field: page_id' });
  assert.deepEqual(validateEvent({ ...base, amount_cents: 1.5 }), { ok: false, reason: 'mistyped_field: amount_cents must be an integer' });
  assert.deepEqual(validateEvent({ ...base, amount_cents: -1 }), { ok: false, reason: 'invalid_value: amount_cents must not be negative' });
  assert.deepEqual(validateEvent({ ...base, type: 'refund' }), {
    ok: false,
    reason: 'invalid_value: type must be one of page_view, click, add_to_cart, purchase',
  });
  assert.deepEqual(validateEvent([base]), { ok: false, reason: 'bad_json: not a JSON object' });
  assert.equal(validateEvent(base).ok, true);
  assert.deepEqual(validateRecord(Buffer.alloc(20_000, 32)), { ok: false, reason: 'oversized: 20000 bytes > 16384' });
  assert.deepEqual(validateRecord(Buffer.alloc(0)), { ok: false, reason: 'bad_json: empty value' });
});
