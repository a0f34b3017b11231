/** The numbers the ingest benchmarks read from a `--summary-export` file (k6's legacy JSON shape). */

export interface SummaryExportFile {
  metrics: Record<string, Record<string, unknown>>;
}

export interface IngestFigures {
  /** records the broker acknowledged (kafka_writer_message_count) */
  messages: number;
  /** their bytes as xk6-kafka v2.1 counts them (kafka_writer_message_bytes): 23 + key + value + headers each */
  messageBytes: number;
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

/** xk6-kafka v2.1's fixed per-record overhead in kafka_writer_message_bytes, not part of the payload */
const V2_RECORD_OVERHEAD_BYTES = 23;

/** Average record payload (key + value + headers), the size to give kafka-producer-perf-test. */
export function averageRecordBytes(f: IngestFigures): number {
  if (f.messages === 0) throw new Error('no acknowledged records in the summary: cannot size records (did the run fail?)');
  return Math.round(f.messageBytes / f.messages) - V2_RECORD_OVERHEAD_BYTES;
}
