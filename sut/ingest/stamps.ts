/**
 * Stamp headers of a gateway batch: the request's `sp` (compact) or `sp-*` headers are copied to every record, with
 * the sequence number counted up from the request's for each event of the batch.
 */
import { STAMP_HEADERS } from '../../lib/stamp-headers.ts';
import { COMPACT_STAMP_HEADER, formatCompactStamp, parseCompactStamp } from '../stamp-compact.ts';

const STAMP_NAMES: readonly string[] = Object.values(STAMP_HEADERS);

/** Record headers for each of `count` events, or a message naming the bad header. */
export function batchStampHeaders(
  http: Readonly<Record<string, string | string[] | undefined>>,
  count: number,
): Record<string, string>[] | string {
  const compact = one(http[COMPACT_STAMP_HEADER]);
  if (compact !== undefined) {
    const stamp = parseCompactStamp(compact);
    if (!stamp) return `header ${COMPACT_STAMP_HEADER} must be run:gen:seq:intendedUs:sentUs with decimal seq and times, got '${compact}'`;
    return Array.from({ length: count }, (_, i) => ({ [COMPACT_STAMP_HEADER]: formatCompactStamp({ ...stamp, seq: stamp.seq + i }) }));
  }
  const given: Record<string, string> = {};
  for (const name of STAMP_NAMES) {
    const v = one(http[name]);
    if (v !== undefined) given[name] = v;
  }
  const seq = given[STAMP_HEADERS.seq];
  if (seq !== undefined && !/^\d+$/.test(seq)) return `header ${STAMP_HEADERS.seq} must be a decimal sequence number, got '${seq}'`;
  return Array.from({ length: count }, (_, i) => (seq === undefined ? given : { ...given, [STAMP_HEADERS.seq]: String(Number(seq) + i) }));
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
