/** Confluent wire format: magic byte 0x00, 4-byte big-endian schema id, payload. */
import { ErrorCode, KafkaError } from './errors.ts';

export function encodeWire(schemaId: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + payload.length);
  new DataView(out.buffer).setUint32(1, schemaId >>> 0);
  out.set(payload, 5);
  return out;
}

export function decodeWire(data: Uint8Array): { schemaId: number; payload: Uint8Array } {
  if (data.length < 5 || data[0] !== 0) {
    throw new KafkaError(ErrorCode.MessageTooShort, 'Invalid message: message too short to contain schema id or missing magic byte 0x00.');
  }
  const schemaId = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(1);
  return { schemaId, payload: data.subarray(5) };
}
