/**
 * Reads the input topic back as the oracle's ledger: this run's stamped records, partition by
 * partition, next always the partition read least far in send time (so partitions progress side by
 * side: a generator's records, spread over all partitions, arrive in near sequence order, and windows
 * can be finalized soon), each validated as the pipeline does (sut/validate.ts) and fed to the ledger
 * and the expected windows.
 */
import { AdminClient, Reader, type Message } from 'k6/x/kafka';
import { DEFAULT_MAX_EVENT_BYTES, validateEvent } from '../event-rules.ts';
import { brokers, fromBytes, readerConfig } from '../kafka.ts';
import type { ExpectedAggregates } from '../oracle/expected.ts';
import type { Ledger } from '../oracle/ledger.ts';
import { COMPACT_STAMP_HEADER, parseCompactStamp, readStamp, STAMP_HEADERS, type Stamp } from '../stamp-headers.ts';

/** records per read at most */
const ROUND = 2000;
/**
 * Reads (of up to maxWait each) that bring nothing before a partition counts as read to its end. A record carries its
 * partition's high watermark, so a partition with records ends on that; an empty read alone may be a busy broker
 * (a saturated run's first fetch took longer than maxWait, and every record of the run was taken for absent).
 */
const EMPTY_READS_TO_END = 5;
const STAMP_NAMES = [COMPACT_STAMP_HEADER, ...Object.values(STAMP_HEADERS)];

export interface LedgerTally {
  malformed: number;
  /** valid records per `event_hour|type` (the lake keeps every valid event, late ones too) */
  lake: Map<string, { count: number; sum_amount_cents: number }>;
  /** send time (ms) of the newest record read */
  lastSentMs: number;
}

interface Lane {
  partition: number;
  reader: Reader;
  done: boolean;
  emptyReads: number;
  /** records between the last one read and the high watermark it carried (Infinity before the first) */
  unread: number;
  /** send time (ms) of the newest record read from it */
  readToMs: number;
  /** the largest event time of its valid records read so far */
  maxEventMs: number;
  /** send time (ms) of its newest valid record read so far */
  validSentMs: number;
}

function stampOf(m: Message): Stamp | undefined {
  const headers = m.headers;
  if (headers === undefined) return undefined;
  // the one-header form, as streamprobe writes it (readStamp's first choice) without collecting the other names
  if (headers[COMPACT_STAMP_HEADER] !== undefined) return parseCompactStamp(fromBytes(headers[COMPACT_STAMP_HEADER]));
  const text: Record<string, string> = {};
  for (const name of STAMP_NAMES) if (headers[name] !== undefined) text[name] = fromBytes(headers[name]);
  return readStamp(text);
}

async function partitionsOf(topic: string): Promise<number[]> {
  const admin = new AdminClient({ brokers: brokers() });
  try {
    return (await admin.getMetadata(topic)).partitions.map((p) => p.id);
  } finally {
    await admin.close();
  }
}

/** Reads every record of `runId` in `topic`. */
export async function readLedger(topic: string, runId: string, ledger: Ledger, expected: ExpectedAggregates): Promise<LedgerTally> {
  const tally: LedgerTally = { malformed: 0, lake: new Map(), lastSentMs: 0 };
  const lanes = (await partitionsOf(topic)).map(
    (partition): Lane => ({
      partition,
      reader: new Reader(readerConfig(topic, { partition, maxWait: '1s' })),
      done: false,
      emptyReads: 0,
      unread: Infinity,
      readToMs: -Infinity,
      maxEventMs: -Infinity,
      validSentMs: -Infinity,
    }),
  );
  try {
    for (;;) {
      let lane: Lane | undefined;
      for (const l of lanes) if (!l.done && (lane === undefined || l.readToMs < lane.readToMs)) lane = l;
      if (lane === undefined) break;
      // no more than the partition holds: a read that asks for more waits its whole maxWait for records that never come
      const messages = await lane.reader.consume({ limit: Math.min(ROUND, lane.unread), expectTimeout: true });
      const last = messages[messages.length - 1];
      lane.emptyReads = last === undefined ? lane.emptyReads + 1 : 0;
      // xk6-kafka v2 gives every message a highWaterMark of 0 (unknown): such a partition ends on empty reads alone
      if (last?.highWaterMark) lane.unread = last.highWaterMark - (last.offset! + 1);
      if (lane.emptyReads >= EMPTY_READS_TO_END || lane.unread <= 0) lane.done = true;
      for (const m of messages) {
        const stamp = stampOf(m);
        if (stamp === undefined || stamp.runId !== runId) continue;
        const sentMs = stamp.sentUs / 1000;
        if (sentMs > lane.readToMs) lane.readToMs = sentMs;
        ledger.add(stamp.generatorId, stamp.seq, lane.partition, m.offset!);
        const eventTimeMs = record(m, stamp, sentMs, lane, expected, tally);
        if (eventTimeMs === -Infinity) continue;
        if (eventTimeMs > lane.maxEventMs) lane.maxEventMs = eventTimeMs;
        lane.validSentMs = sentMs;
      }
      expected.advance(Math.min(...lanes.map((l) => (l.done ? Infinity : l.readToMs))));
    }
  } finally {
    await Promise.all(lanes.map((l) => l.reader.close()));
  }
  return tally;
}

const HOUR_MS = 3_600_000;
let lastHour = { start: NaN, text: '' };

/** `YYYY-MM-DDTHH` of an epoch ms, the lake's partition: formatted once per hour, as records come in near time order */
function hourOf(ms: number): string {
  const start = ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS);
  if (start !== lastHour.start) lastHour = { start, text: new Date(start).toISOString().slice(0, 13) };
  return lastHour.text;
}

/** Validates and accounts one record of the run; returns its event time (-Infinity when malformed). */
function record(m: Message, stamp: Stamp, sentMs: number, lane: Lane, expected: ExpectedAggregates, tally: LedgerTally): number {
  if (sentMs > tally.lastSentMs) tally.lastSentMs = sentMs;
  const bytes = m.value as Uint8Array | undefined;
  let parsed: unknown;
  try {
    parsed = bytes !== undefined && bytes.length <= DEFAULT_MAX_EVENT_BYTES ? JSON.parse(fromBytes(bytes)) : undefined;
  } catch {
    parsed = undefined;
  }
  const v = validateEvent(parsed);
  if (!v.ok) {
    tally.malformed++;
    return -Infinity;
  }
  const e = v.event;
  expected.add({
    pageId: e.page_id,
    type: e.type,
    userId: e.user_id,
    amountCents: e.amount_cents,
    eventTimeMs: e.event_time_ms,
    intendedUs: stamp.intendedUs,
    precededByMs: lane.maxEventMs,
    quietBeforeMs: sentMs - lane.validSentMs,
  });
  const lakeKey = `${hourOf(e.event_time_ms)}|${e.type}`;
  const lake = tally.lake.get(lakeKey);
  if (lake === undefined) tally.lake.set(lakeKey, { count: 1, sum_amount_cents: e.amount_cents });
  else {
    lake.count++;
    lake.sum_amount_cents += e.amount_cents;
  }
  return e.event_time_ms;
}
