import assert from 'node:assert/strict';
import { test } from 'node:test';
import { averageRecordBytes, ingestFigures, stat } from '../../../bench/ingest/summary-figures.ts';

const summary = {
  metrics: {
    kafka_writer_message_count: { count: 1000, rate: 99.5 },
    kafka_writer_message_bytes: { count: 260_000, rate: 1 },
    kafka_writer_error_count: { count: 0, rate: 0 },
    kafka_writer_write_seconds: { avg: 3, 'p(99)': 12.5 },
    iteration_start_lag: { avg: 0.1, 'p(99)': 0.8 },
  },
};

test('reads counts, rates and p99s; a metric without samples (dropped_iterations) counts as 0', () => {
  assert.deepEqual(ingestFigures(summary), {
    messages: 1000,
    messageBytes: 260_000,
    messagesPerSecond: 99.5,
    errors: 0,
    droppedIterations: 0,
    writeP99Ms: 12.5,
    startLagP99Ms: 0.8,
  });
});

test('p99s are left out when the summary has no p(99) (default summaryTrendStats)', () => {
  const f = ingestFigures({ metrics: { kafka_writer_write_seconds: { avg: 1 } } });
  assert.equal(f.writeP99Ms, undefined);
  assert.equal(f.startLagP99Ms, undefined);
  assert.equal(stat({ metrics: {} }, 'x', 'count'), undefined);
});

test('average record size = message bytes / records − the 23 bytes xk6-kafka v2.1 adds per record', () => {
  assert.equal(averageRecordBytes(ingestFigures(summary)), 237);
  assert.throws(() => averageRecordBytes(ingestFigures({ metrics: {} })), /no acknowledged records/);
});
