/** The message object consume() returns (spec §11.3): byte arrays, RFC3339 time, absent empty key/value. */
import { toBytesView } from './bytes.ts';
import { formatRfc3339 } from './time-format.ts';

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: bigint;
  timestamp: bigint;
  key?: Buffer | null;
  value?: Buffer | null;
  headers: Iterable<[Buffer | null | undefined, Buffer | null | undefined]>;
}

export interface ScriptMessageOut {
  topic: string;
  partition: number;
  offset: number;
  time: string;
  highWaterMark: number;
  headers: Record<string, Uint8Array>;
  key?: Uint8Array;
  value?: Uint8Array;
}

export function recordBytes(r: ConsumedRecord): number {
  return (r.key?.length ?? 0) + (r.value?.length ?? 0);
}

export function toScriptMessage(r: ConsumedRecord, highWaterMark: bigint, nanoPrecision: boolean): ScriptMessageOut {
  const headers: Record<string, Uint8Array> = {};
  for (const [k, v] of r.headers) if (k) headers[k.toString('utf8')] = v ? toBytesView(v) : new Uint8Array(0);
  const out: ScriptMessageOut = {
    topic: r.topic,
    partition: r.partition,
    offset: Number(r.offset),
    time: formatRfc3339(Number(r.timestamp), nanoPrecision),
    highWaterMark: Number(highWaterMark),
    headers,
  };
  if (r.key && r.key.length > 0) out.key = toBytesView(r.key);
  if (r.value && r.value.length > 0) out.value = toBytesView(r.value);
  return out;
}
