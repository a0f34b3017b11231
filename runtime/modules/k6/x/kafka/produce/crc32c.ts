/**
 * CRC32C (Castagnoli) of a byte range. @platformatic/kafka's `crc32c` wraps the native @node-rs/crc32 but
 * copies its input first; calling the native function directly checksums a Buffer view in place. Without
 * the optional native module, the library's own (wasm) implementation is used.
 */
import { createRequire } from 'node:module';
import { crc32c as libraryCrc32c } from '@platformatic/kafka';

type Crc32c = (data: Uint8Array) => number;

function loadNative(): Crc32c | undefined {
  try {
    return (createRequire(import.meta.url)('@node-rs/crc32') as { crc32c: Crc32c }).crc32c;
  } catch {
    return undefined;
  }
}

export const crc32c: Crc32c = loadNative() ?? libraryCrc32c;
