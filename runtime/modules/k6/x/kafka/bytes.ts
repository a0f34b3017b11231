/** Conversions between script values and Kafka byte payloads. */
import { invalidDataType } from './errors.ts';
import { goText } from './go-text.ts';

/**
 * Keys and values: Uint8Array/ArrayBuffer/number[] are bytes; a string is UTF-8 text (xk6-kafka v2
 * behaviour — v1 would base64-decode it).
 */
export function toBuffer(value: unknown, what: string): Buffer | undefined {
  if (value === undefined || value === null) return undefined;
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return Buffer.from(value as number[]);
  throw invalidDataType(`message ${what} must be bytes (serialize() output, Uint8Array, number[]) or a string`);
}

/** A header value as xk6-kafka writes it: the text Go's %v prints (byte arrays pass through unchanged). */
export function headerBuffer(value: unknown): Buffer {
  const content = goText(value);
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : toBuffer(content, 'header')!;
}
