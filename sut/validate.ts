/** The declared event rules (lib/event-rules.ts) applied to a Kafka record value, as the lake reads it. */
import { DEFAULT_MAX_EVENT_BYTES, validateEvent, type Validation } from '../lib/event-rules.ts';

export { DEFAULT_MAX_EVENT_BYTES, EVENT_TYPES, validateEvent, type ValidEvent, type Validation } from '../lib/event-rules.ts';

/** Checks one Kafka record value (the lake): size first, then JSON, then fields. */
export function validateRecord(bytes: Buffer | undefined, maxBytes = DEFAULT_MAX_EVENT_BYTES): Validation {
  if (!bytes || bytes.length === 0) return { ok: false, reason: 'bad_json: empty value' };
  if (bytes.length > maxBytes) return { ok: false, reason: `oversized: ${bytes.length} bytes > ${maxBytes}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    return { ok: false, reason: `bad_json: ${(err as Error).message}` };
  }
  return validateEvent(parsed);
}
