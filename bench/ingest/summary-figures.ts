/** The numbers the ingest benchmarks read from a `--summary-export` file (k6's legacy JSON shape). */

export interface SummaryExportFile {
  metrics: Record<string, Record<string, unknown>>;
}

export interface IngestFigures {
  /** records the broker acknowledged (kafka_writer_message_count) */
  messages: number;
  /** their key + value bytes (kafka_writer_message_bytes) */
  messageBytes: number;
  /** their header key + value bytes (ingest_header_bytes; 0 when the script does not count them) */
  headerBytes: number;
  /** acknowledged records per second over the whole test run */
  messagesPerSecond: number;
  errors: number;
  /** absent from the export when no iteration was dropped */
  droppedIterations: number;
  writeP99Ms?: number;
  startLagP99Ms?: number;
}

/** A metric's statistic; `fallback` when the metric or statistic is absent (k6 omits metrics without samples). */
export function stat(summary: SummaryExportFile, metric: string, key: string, fallback?: number): number | undefined {
  const value = summary.metrics[metric]?.[key];
  return typeof value === 'number' ? value : fallback;
}

export function ingestFigures(summary: SummaryExportFile): IngestFigures {
  const figures: IngestFigures = {
    messages: stat(summary, 'kafka_writer_message_count', 'count', 0)!,
    messageBytes: stat(summary, 'kafka_writer_message_bytes', 'count', 0)!,
    headerBytes: stat(summary, 'ingest_header_bytes', 'count', 0)!,
    messagesPerSecond: stat(summary, 'kafka_writer_message_count', 'rate', 0)!,
    errors: stat(summary, 'kafka_writer_error_count', 'count', 0)!,
    droppedIterations: stat(summary, 'dropped_iterations', 'count', 0)!,
  };
  const writeP99 = stat(summary, 'kafka_writer_write_seconds', 'p(99)');
  const lagP99 = stat(summary, 'iteration_start_lag', 'p(99)');
  if (writeP99 !== undefined) figures.writeP99Ms = writeP99;
  if (lagP99 !== undefined) figures.startLagP99Ms = lagP99;
  return figures;
}

/** Average record payload (key + value + headers), the size to give kafka-producer-perf-test. */
export function averageRecordBytes(f: IngestFigures): number {
  if (f.messages === 0) throw new Error('no acknowledged records in the summary: cannot size records (did the run fail?)');
  return Math.round((f.messageBytes + f.headerBytes) / f.messages);
}
