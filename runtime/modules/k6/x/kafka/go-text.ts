/**
 * The text Go's `%v` gives a header value, which xk6-kafka writes as the header's bytes and
 * counts in kafka_*_message_bytes: numbers as float64 (`1e+06`, `1.5`), byte slices as
 * `[1 2 3]`, nil as `<nil>`.
 */

/** A float64 under %v: shortest digits, in exponent form when the decimal exponent is < -4 or >= 6. */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, exp] = n.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(n);
}

/** Header text for scalars; bytes stay bytes; other objects as JSON (Go would print a map). */
export function goText(value: unknown): string | Uint8Array {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return goFloat(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return '<nil>';
  }
  if (value === null) return '<nil>';
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** UTF-8 byte length of `s`, by a loop (cheaper than a native call for the short strings of headers). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      n += 1;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      n += 2; // a surrogate pair: 2 UTF-16 units, 4 bytes
      i++;
    } else {
      n += 2;
    }
  }
  return n;
}

/** Length of `[b0 b1 …]`, Go's %v of a byte slice. */
export function goBytesTextLength(bytes: Uint8Array): number {
  let n = 2 + (bytes.length > 0 ? bytes.length - 1 : 0);
  for (let i = 0; i < bytes.length; i++) n += bytes[i]! < 10 ? 1 : bytes[i]! < 100 ? 2 : 3;
  return n;
}

/** Bytes of a header value's %v text. */
export function goTextLength(value: unknown): number {
  if (typeof value === 'string') return utf8Length(value);
  const text = goText(value);
  return typeof text === 'string' ? utf8Length(text) : goBytesTextLength(text);
}
