// The benchmark's workload: ~250-byte JSON values with keys, and the latency histogram of one send.
import * as hdr from 'hdr-histogram-js';

export const VALUE_BYTES = 250;
const PAGES = ['/', '/products/42', '/cart', '/checkout', '/search?q=kafka', '/account'];

export interface BenchMessage {
  key: string;
  value: string;
}

/** A click-stream-like event padded to exactly VALUE_BYTES (ASCII, so chars = bytes). */
export function makeMessage(seq: number): BenchMessage {
  const key = `user-${seq % 10_000}`;
  const head = `{"seq":${seq},"user":"${key}","ts":${Date.now()},"event":"page_view","page":"${PAGES[seq % PAGES.length]}","pad":"`;
  return { key, value: head + 'x'.repeat(Math.max(0, VALUE_BYTES - head.length - 2)) + '"}' };
}

export function makeBatch(firstSeq: number, size: number): BenchMessage[] {
  return Array.from({ length: size }, (_, i) => makeMessage(firstSeq + i));
}

export function latencyHistogram(): hdr.Histogram {
  // microseconds, up to 60 s, 3 significant digits
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
}
