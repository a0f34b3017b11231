/** SchemaRegistry.serialize/deserialize (docs/k6-compatibility.md#xk6-kafka), all local: STRING, BYTES, JSON, AVRO. */
import { Config } from './config.ts';
import { SCHEMA_TYPE } from './constants.ts';
import { ErrorCode, invalidDataType, KafkaError, notEnoughArguments } from './errors.ts';
import { decodeAvro, encodeAvro } from './serde-avro.ts';
import { parseJson, validateJson } from './serde-json.ts';
import { decodeWire, encodeWire } from './wire-format.ts';

interface Container {
  data: unknown;
  schema?: { id: number; schema: string };
  schemaType: string;
}

function container(raw: unknown): Container {
  if (raw === undefined) throw notEnoughArguments();
  const cfg = new Config(raw, 'Container');
  const schemaCfg = cfg.has('schema') ? cfg.sub('schema') : undefined;
  const schema = schemaCfg?.has('schema') ? { id: schemaCfg.num('id', 0), schema: schemaCfg.str('schema') } : undefined;
  return { data: cfg.raw('data'), schemaType: cfg.str('schemaType', SCHEMA_TYPE.STRING).toUpperCase(), ...(schema && { schema }) };
}

/** pooled for small strings: several times faster than TextEncoder for record-sized text */
const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

const utf8Text = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

function asBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data) && data.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) return Uint8Array.from(data as number[]);
  if (typeof data === 'string') {
    // xk6-kafka decodes base64 text it is given as bytes
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) {
      throw new KafkaError(ErrorCode.FailedToDecodeBase64, 'Failed to decode base64 string.', 'data is neither bytes nor base64');
    }
    return new Uint8Array(Buffer.from(data, 'base64'));
  }
  throw invalidDataType('data must be bytes (Uint8Array, ArrayBuffer, number[]) or a base64 string');
}

/**
 * `data` of a STRING container without a schema whose keys are spelled as documented, else undefined: the hot path of
 * scripts that convert every record (a string to bytes when producing, bytes to a string when consuming) skips the
 * config decoding.
 */
function plainStringData(raw: unknown): unknown {
  const c = raw as { data?: unknown; schema?: unknown; schemaType?: unknown } | null;
  return c?.schemaType === SCHEMA_TYPE.STRING && c.schema === undefined ? c.data : undefined;
}

export function serialize(raw: unknown): Uint8Array {
  const plain = plainStringData(raw);
  if (typeof plain === 'string') return utf8(plain);
  const { data, schema, schemaType } = container(raw);
  switch (schemaType) {
    case SCHEMA_TYPE.STRING:
      if (typeof data !== 'string') throw invalidDataType('STRING needs a string');
      return utf8(data);
    case SCHEMA_TYPE.BYTES:
      return asBytes(data);
    case SCHEMA_TYPE.JSON: {
      if (!isPlainObject(data)) throw invalidDataType('JSON needs a plain object');
      if (!schema) return utf8(JSON.stringify(data));
      validateJson(schema.schema, data);
      return encodeWire(schema.id, utf8(JSON.stringify(data)));
    }
    case SCHEMA_TYPE.AVRO:
      if (!schema) {
        if (!isPlainObject(data)) throw invalidDataType('AVRO without a schema needs a plain object');
        return utf8(JSON.stringify(data));
      }
      return encodeWire(schema.id, encodeAvro(schema.schema, data));
    case SCHEMA_TYPE.PROTOBUF:
      throw new KafkaError(ErrorCode.UnsupportedOperation, 'Operation not supported', 'PROTOBUF serialization');
    default:
      throw new KafkaError(ErrorCode.InvalidSerdeType, 'Invalid serde type', `unknown schemaType ${JSON.stringify(schemaType)}`);
  }
}

export function deserialize(raw: unknown): unknown {
  const plain = plainStringData(raw);
  if (plain instanceof Uint8Array) return utf8Text(plain);
  const { data, schema, schemaType } = container(raw);
  const bytes = asBytes(data);
  switch (schemaType) {
    case SCHEMA_TYPE.STRING:
      return utf8Text(bytes);
    case SCHEMA_TYPE.BYTES:
      return bytes;
    case SCHEMA_TYPE.JSON:
    case SCHEMA_TYPE.AVRO: {
      if (!schema) return jsonObjectOrBytes(bytes);
      const { payload } = decodeWire(bytes);
      const value = schemaType === SCHEMA_TYPE.AVRO ? decodeAvro(schema.schema, payload) : parseJson(payload);
      if (!isPlainObject(value)) throw invalidDataType('the decoded value is not an object');
      return value;
    }
    case SCHEMA_TYPE.PROTOBUF:
      throw new KafkaError(ErrorCode.UnsupportedOperation, 'Operation not supported', 'PROTOBUF deserialization');
    default:
      throw new KafkaError(ErrorCode.InvalidSerdeType, 'Invalid serde type', `unknown schemaType ${JSON.stringify(schemaType)}`);
  }
}

function jsonObjectOrBytes(bytes: Uint8Array): unknown {
  try {
    const v = JSON.parse(utf8Text(bytes));
    return isPlainObject(v) ? v : bytes;
  } catch {
    return bytes;
  }
}
