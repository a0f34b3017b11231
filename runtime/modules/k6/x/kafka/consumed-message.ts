/** The message object consume() returns (docs/k6-compatibility.md#xk6-kafka): byte arrays, RFC3339 time, absent empty key/value. */
import type { DecodedRecord } from './consume/record-batch-decoder.ts';
import { formatRfc3339 } from './time-format.ts';

/** A record as sources buffer it: key, value and header values are already the byte views scripts receive. */
export type ConsumedRecord = DecodedRecord;

export interface ScriptMessageOut {
  topic: string;
  partition: number;
  offset: number;
  time: string;
  highWaterMark: number;
  headers: Record<string, Uint8Array>;
  /** streamprobe only: epoch ms when the fetch that carried the message arrived (see types/k6-x-kafka.d.ts) */
  visibleAt: number;
  key?: Uint8Array;
  value?: Uint8Array;
}

/** Formats a record time, reusing the previous string while records stay in the same second (or ms with nanos). */
export class TimeFormatter {
  private unit = -1;
  private text = '';

  constructor(private readonly nanoPrecision: boolean) {}

  format(ms: number): string {
    const unit = this.nanoPrecision ? ms : Math.floor(ms / 1000);
    if (unit !== this.unit) {
      this.unit = unit;
      this.text = formatRfc3339(ms, this.nanoPrecision);
    }
    return this.text;
  }
}

export function toScriptMessage(r: ConsumedRecord, highWaterMark: number, time: TimeFormatter): ScriptMessageOut {
  const out: ScriptMessageOut = {
    topic: r.topic,
    partition: r.partition,
    offset: r.offset,
    time: time.format(r.timestamp),
    highWaterMark,
    headers: r.headers,
    visibleAt: r.visibleAt,
  };
  if (r.key) out.key = r.key;
  if (r.value) out.value = r.value;
  return out;
}
