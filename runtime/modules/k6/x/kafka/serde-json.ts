/** JSON payloads, optionally validated against a JSON Schema (ajv). */
import { Ajv, type ValidateFunction } from 'ajv';
import { ErrorCode, KafkaError } from './errors.ts';

/** made on the first schema: a classic VU thread loads ajv only if its script validates (classic/vu-runtime.ts) */
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function validator(schema: string): ValidateFunction {
  let v = validators.get(schema);
  if (!v) {
    try {
      v = (ajv ??= new Ajv({ allErrors: true, strict: false })).compile(JSON.parse(schema));
    } catch (err) {
      throw new KafkaError(ErrorCode.FailedToEncode, 'Failed to unmarshal schema.', err);
    }
    validators.set(schema, v);
  }
  return v;
}

export function validateJson(schema: string, data: unknown): void {
  const v = validator(schema);
  if (!v(data)) throw new KafkaError(ErrorCode.FailedToValidateJson, 'Failed to validate JSON against schema.', ajv!.errorsText(v.errors));
}

export function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch (err) {
    throw new KafkaError(ErrorCode.FailedToUnmarshalJson, 'Failed to unmarshal JSON data.', err);
  }
}
