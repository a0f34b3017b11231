/**
 * Avro via avsc. Union values may be given plain (`{"age": 5}` / `null`) or in Avro's JSON
 * encoding (`{"age": {"int": 5}}`); decoding returns the plain form.
 */
import avro from 'avsc';
import { ErrorCode, KafkaError } from './errors.ts';

interface AvroTypes {
  plain: avro.Type;
  wrapped: avro.Type;
}

const cache = new Map<string, AvroTypes>();

function types(schema: string): AvroTypes {
  let t = cache.get(schema);
  if (!t) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(schema);
    } catch (err) {
      throw new KafkaError(ErrorCode.FailedToEncode, 'Failed to unmarshal schema.', err);
    }
    try {
      t = {
        plain: avro.Type.forSchema(parsed as avro.Schema, { wrapUnions: false }),
        wrapped: avro.Type.forSchema(parsed as avro.Schema, { wrapUnions: true }),
      };
    } catch (err) {
      throw new KafkaError(ErrorCode.FailedToEncode, 'Failed to unmarshal schema.', err);
    }
    cache.set(schema, t);
  }
  return t;
}

export function encodeAvro(schema: string, data: unknown): Uint8Array {
  const { plain, wrapped } = types(schema);
  const errors: string[] = [];
  const hook = (path: string[], value: unknown) => errors.push(`${path.join('.') || '(root)'}=${JSON.stringify(value)}`);
  if (plain.isValid(data)) return plain.toBuffer(data);
  if (wrapped.isValid(data)) return wrapped.toBuffer(data);
  plain.isValid(data, { errorHook: hook });
  throw new KafkaError(
    ErrorCode.FailedToEncodeToBinary,
    'Failed to encode data into binary.',
    `data does not match the Avro schema at ${errors.join(', ')}`,
  );
}

export function decodeAvro(schema: string, payload: Uint8Array): unknown {
  try {
    return toPlain(types(schema).plain.fromBuffer(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)));
  } catch (err) {
    if (err instanceof KafkaError) throw err;
    throw new KafkaError(ErrorCode.FailedToDecodeFromBinary, 'Failed to decode data from binary.', err);
  }
}

/** avsc decodes records into class instances; scripts get plain objects (and Uint8Array bytes). */
function toPlain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toPlain);
  if (Buffer.isBuffer(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, toPlain(x)]));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = toPlain(x);
  return out;
}
