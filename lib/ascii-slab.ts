/**
 * ASCII records written straight into shared byte slabs and handed out as views, for the event
 * generator's hot path: a record built as a string costs a rope flatten and a UTF-8 encoding per
 * record; here its pieces are copied from precomputed bytes. Written bytes are never written
 * again: a full slab is left to the views that hold it and a new one starts, so views stay valid.
 * Text must be ASCII (callers make it so): each char is written as one byte.
 */
const SLAB_BYTES = 64 * 1024;

/** The bytes of ASCII `text`. */
export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** Text of ASCII bytes (in chunks: fromCharCode takes its bytes as arguments). */
export function asciiText(bytes: Uint8Array): string {
  const CHUNK = 8192;
  let text = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return text;
}

/** Writes the decimal digits of a non-negative safe integer at `at`; returns the end. */
export function writeUint(buf: Uint8Array, at: number, n: number): number {
  let end = at + 1;
  for (let p = 10; p <= n; p *= 10) end++;
  let i = end;
  do {
    const q = Math.floor(n / 10);
    buf[--i] = 48 + n - q * 10;
    n = q;
  } while (n > 0);
  return end;
}

/**
 * The writer reserves room, writes into `buf` from `at` with its own local cursor (a hot loop
 * keeps it in a register), then commits the new `at`.
 */
export class AsciiSlab {
  buf = new Uint8Array(SLAB_BYTES);
  at = 0;

  /** Room for `n` more bytes at `at`; returns the slab to write into (a new one when full). */
  reserve(n: number): Uint8Array {
    if (this.at + n > this.buf.length) {
      this.buf = new Uint8Array(Math.max(SLAB_BYTES, n));
      this.at = 0;
    }
    return this.buf;
  }

  /** A record of ASCII `text` (the rare path: malformed records). */
  text(text: string): Uint8Array {
    const buf = this.reserve(text.length);
    const start = this.at;
    for (let i = 0; i < text.length; i++) buf[start + i] = text.charCodeAt(i);
    this.at = start + text.length;
    return buf.subarray(start, this.at);
  }
}
