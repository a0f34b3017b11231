/**
 * CRC-32 (IEEE 802.3, zlib's checksum) of a key, as librdkafka's partitioners hash it. Keys are
 * usually short: a table loop beats the native zlib.crc32 call below ~64 bytes; longer input
 * goes native. Text is hashed as its UTF-8 bytes.
 */
import { crc32 as zlibCrc32 } from 'node:zlib';

const TABLE = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c;
}

const SHORT = 64;

/** Unsigned CRC-32 of `data`'s bytes (a string counts as its UTF-8 encoding). */
export function crc32(data: Uint8Array | string): number {
  if (data.length > SHORT) return zlibCrc32(data);
  let c = -1;
  if (typeof data === 'string') {
    for (let i = 0; i < data.length; i++) {
      const ch = data.charCodeAt(i);
      if (ch > 0x7f) return zlibCrc32(data);
      c = TABLE[(c ^ ch) & 0xff]! ^ (c >>> 8);
    }
  } else {
    for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  }
  return (c ^ -1) >>> 0;
}
