/** `k6/encoding`: b64encode/b64decode with k6's four alphabets (std, rawstd, url, rawurl). */
type Encoding = 'std' | 'rawstd' | 'url' | 'rawurl';

function bytesOf(input: unknown): Buffer {
  if (typeof input === 'string') return Buffer.from(input, 'utf8');
  if (input instanceof ArrayBuffer) return Buffer.from(input);
  if (ArrayBuffer.isView(input)) return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError('b64encode: input must be a string or an ArrayBuffer');
}

export function b64encode(input: unknown, encoding: Encoding = 'std'): string {
  const std = bytesOf(input).toString('base64');
  const text = encoding === 'url' || encoding === 'rawurl' ? std.replace(/\+/g, '-').replace(/\//g, '_') : std;
  return encoding.startsWith('raw') ? text.replace(/=+$/, '') : text;
}

export function b64decode(input: string, encoding: Encoding = 'std', format?: 's'): string | ArrayBuffer {
  const buf = Buffer.from(input, encoding === 'url' || encoding === 'rawurl' ? 'base64url' : 'base64');
  if (format === 's') return buf.toString('utf8');
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

export default function encodingModule(): Record<string, unknown> {
  return { b64encode, b64decode };
}
