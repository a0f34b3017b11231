/** Conversions between script values and Kafka byte payloads. */
import { invalidDataType } from './errors.ts';

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

/** Header values are stringified as Go's %v would for scalars; byte arrays pass through unchanged. */
export function headerContent(value: unknown): string | Uint8Array {
  if (typeof value === 'string' || value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

export function headerBuffer(value: unknown): Buffer {
  const content = headerContent(value);
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : toBuffer(content, 'header')!;
}
