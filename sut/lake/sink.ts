/**
 * The lake sink: valid events from the events topic (same rules as the processor) → Parquet files by event hour,
 * written through DuckDB. Every `flushMs` the records consumed since the last flush become one file per (partition,
 * hour), made durable (fsync, rename, fsync of the folder), and only then are their offsets committed. One instance
 * per consumer group (it reads every partition).
 */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { Consumer, type Message } from '@platformatic/kafka';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { STAMP_HEADERS, parseStamp, type Stamp } from '../../lib/stamp-headers.ts';
import { COMPACT_STAMP_HEADER, parseCompactStamp } from '../stamp-compact.ts';
import { validateRecord, type ValidEvent } from '../validate.ts';
import { eventHour, isUncommitted, lakeFile, parseLakeFileName, type FileRange } from './files.ts';

export interface LakeSinkOptions {
  brokers: string[];
  topic: string;
  groupId: string;
  dir: string;
  flushMs?: number;
  /** a failed flush or fetch: records may be missing from the files, so the process must stop (offsets stay uncommitted) */
  onFailure: (err: Error) => void;
}

interface Row {
  event: ValidEvent;
  hour: string;
  partition: number;
  offset: number;
  stamp: Stamp | undefined;
}

export const LAKE_COLUMNS = `event_id VARCHAR, type VARCHAR, user_id VARCHAR, page_id VARCHAR, product_id VARCHAR,
  amount_cents BIGINT, event_time_ms BIGINT, event_hour VARCHAR, kafka_partition INTEGER, kafka_offset BIGINT,
  sp_run VARCHAR, sp_gen VARCHAR, sp_seq BIGINT`;

export class LakeSink {
  readonly stats = { rowsWritten: 0, filesWritten: 0, invalidSkipped: 0, flushes: 0 };
  private readonly flushMs: number;
  private consumer!: Consumer;
  private db!: DuckDBInstance;
  private conn!: DuckDBConnection;
  private rows: Row[] = [];
  /** first and last offset consumed per partition since the last flush */
  private ranges = new Map<number, FileRange>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly opts: LakeSinkOptions) {
    this.flushMs = opts.flushMs ?? 2000;
  }

  async start(db: DuckDBInstance): Promise<void> {
    this.db = db;
    this.conn = await db.connect();
    this.consumer = new Consumer({ clientId: 'sut-lake', groupId: this.opts.groupId, bootstrapBrokers: this.opts.brokers });
    await mkdir(this.opts.dir, { recursive: true });
    await this.removeUncommittedFiles();
    const stream = await this.consumer.consume({
      topics: [this.opts.topic],
      mode: 'committed',
      fallbackMode: 'earliest',
      autocommit: false,
    });
    stream.on('data', (m: Message) => this.take(m));
    stream.on('error', (err: Error) => this.opts.onFailure(err));
    this.timer = setInterval(() => void this.flush(), this.flushMs);
  }

  private async removeUncommittedFiles(): Promise<void> {
    const metadata = await this.consumer.metadata({ topics: [this.opts.topic] });
    const partitions = Array.from({ length: metadata.topics.get(this.opts.topic)?.partitionsCount ?? 0 }, (_, i) => i);
    const offsets = await this.consumer.listCommittedOffsets({ topics: [{ topic: this.opts.topic, partitions }] });
    const committed = new Map<number, number>();
    (offsets.get(this.opts.topic) ?? []).forEach((o, p) => committed.set(p, Number(o)));
    for (const hourDir of await readdir(this.opts.dir)) {
      if (!hourDir.startsWith('event_hour=')) continue;
      for (const name of await readdir(join(this.opts.dir, hourDir))) {
        const range = parseLakeFileName(name);
        if (name.endsWith('.tmp') || (range && isUncommitted(range, committed)))
          await rm(join(this.opts.dir, hourDir, name), { force: true });
      }
    }
  }

  private take(m: Message): void {
    const offset = Number(m.offset);
    const range = this.ranges.get(m.partition);
    if (range) range.last = offset;
    else this.ranges.set(m.partition, { partition: m.partition, first: offset, last: offset });
    const checked = validateRecord(m.value);
    if (!checked.ok) {
      this.stats.invalidSkipped++;
      return;
    }
    this.rows.push({
      event: checked.event,
      hour: eventHour(checked.event.event_time_ms),
      partition: m.partition,
      offset,
      stamp: stampOf(m.headers),
    });
  }

  /** Writes what was consumed since the last flush, then commits it; flushes run one at a time. */
  flush(): Promise<void> {
    this.flushing = this.flushing
      .then(() => this.flushOnce())
      .catch((err: Error) => {
        if (this.timer) clearInterval(this.timer);
        this.opts.onFailure(err);
      });
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    if (this.ranges.size === 0) return;
    const rows = this.rows;
    const ranges = this.ranges;
    this.rows = [];
    this.ranges = new Map();
    const groups = new Map<string, Row[]>();
    for (const r of rows) {
      const file = lakeFile(this.opts.dir, r.hour, ranges.get(r.partition)!);
      let g = groups.get(file);
      if (!g) groups.set(file, (g = []));
      g.push(r);
    }
    for (const [file, group] of groups) await this.writeFile(file, group);
    await this.consumer.commit({
      offsets: [...ranges.values()].map((r) => ({
        topic: this.opts.topic,
        partition: r.partition,
        offset: BigInt(r.last + 1),
        leaderEpoch: -1,
      })),
    });
    this.stats.rowsWritten += rows.length;
    this.stats.flushes++;
  }

  private async writeFile(file: string, rows: Row[]): Promise<void> {
    await this.conn.run(`CREATE OR REPLACE TEMP TABLE lake_batch (${LAKE_COLUMNS})`);
    const appender = await this.conn.createAppender('lake_batch');
    for (const { event: e, hour, partition, offset, stamp } of rows) {
      appender.appendVarchar(e.event_id);
      appender.appendVarchar(e.type);
      appender.appendVarchar(e.user_id);
      appender.appendVarchar(e.page_id);
      if (typeof e.product_id === 'string') appender.appendVarchar(e.product_id);
      else appender.appendNull();
      appender.appendBigInt(BigInt(e.amount_cents));
      appender.appendBigInt(BigInt(e.event_time_ms));
      appender.appendVarchar(hour);
      appender.appendInteger(partition);
      appender.appendBigInt(BigInt(offset));
      if (stamp) {
        appender.appendVarchar(stamp.runId);
        appender.appendVarchar(stamp.generatorId);
        appender.appendBigInt(BigInt(stamp.seq));
      } else {
        appender.appendNull();
        appender.appendNull();
        appender.appendNull();
      }
      appender.endRow();
    }
    appender.closeSync();
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    await this.conn.run(`COPY lake_batch TO '${tmp.replaceAll("'", "''")}' (FORMAT parquet)`);
    await fsync(tmp);
    await rename(tmp, file);
    await fsync(dirname(file));
    this.stats.filesWritten++;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.flush();
    await this.consumer.close(true);
    this.conn.closeSync();
  }
}

async function fsync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function stampOf(headers: Map<Buffer, Buffer>): Stamp | undefined {
  const text: Record<string, string> = {};
  for (const [k, v] of headers) text[k.toString()] = v.toString();
  const compact = text[COMPACT_STAMP_HEADER];
  if (compact !== undefined) return parseCompactStamp(compact);
  return text[STAMP_HEADERS.runId] === undefined ? undefined : parseStamp(text);
}
