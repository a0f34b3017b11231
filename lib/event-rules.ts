/**
 * The event rules a pipeline declares (sut/README.md "Validation"): the oracle (lib/oracle) expects
 * records that break them in the dead-letter topic, not in the aggregates. The reference pipeline
 * applies the same rules (its gateway and lake import this file; its processor's Validator.java
 * mirrors it). k6-portable (no Node API). A reason is `<kind>: <detail>`.
 */
export const EVENT_TYPES = ['page_view', 'click', 'add_to_cart', 'purchase'] as const;
export const DEFAULT_MAX_EVENT_BYTES = 16_384;

export interface ValidEvent {
  event_id: string;
  type: (typeof EVENT_TYPES)[number];
  user_id: string;
  page_id: string;
  event_time: string;
  event_time_ms: number;
  amount_cents: number;
  [field: string]: unknown;
}

export type Validation = { ok: true; event: ValidEvent } | { ok: false; reason: string };

const STRING_FIELDS = ['event_id', 'type', 'user_id', 'page_id', 'event_time'] as const;
const INTEGER_FIELDS = ['event_time_ms', 'amount_cents'] as const;

/** Checks one parsed value (the gateway's array elements). */
export function validateEvent(value: unknown): Validation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'bad_json: not a JSON object' };
  const o = value as Record<string, unknown>;
  for (const f of STRING_FIELDS) {
    if (!(f in o)) return { ok: false, reason: `missing_field: ${f}` };
    if (typeof o[f] !== 'string') return { ok: false, reason: `mistyped_field: ${f} must be a string` };
  }
  for (const f of INTEGER_FIELDS) {
    if (!(f in o)) return { ok: false, reason: `missing_field: ${f}` };
    if (!Number.isSafeInteger(o[f])) return { ok: false, reason: `mistyped_field: ${f} must be an integer` };
    if ((o[f] as number) < 0) return { ok: false, reason: `invalid_value: ${f} must not be negative` };
  }
  if (!(EVENT_TYPES as readonly unknown[]).includes(o.type)) {
    return { ok: false, reason: `invalid_value: type must be one of ${EVENT_TYPES.join(', ')}` };
  }
  return { ok: true, event: o as ValidEvent };
}
