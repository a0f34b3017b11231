/**
 * kafka-producer-perf-test (org.apache.kafka.tools.ProducerPerformance) output → throughput. The
 * tool prints a progress line per ~5 s window and, when it sends all its records, a final line with
 * percentiles. A run stopped early has only the progress lines: their records and durations add up.
 */

export interface PerfTestResult {
  records: number;
  recordsPerSecond: number;
  mbPerSecond: number;
  avgLatencyMs: number;
  maxLatencyMs: number;
  /** only in the final line */
  p99Ms?: number;
  /** whether the final line was there (else: the sum of the progress windows) */
  complete: boolean;
}

// "599041 records sent, 119760.3 records/sec (28.56 MB/sec), 151.4 ms avg latency, 372.0 ms max latency."
// final: "… 1201.00 ms max latency, 578 ms 50th, 905 ms 95th, 927 ms 99th, 1190 ms 99.9th."
const LINE = /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency/;

export function parsePerfTest(output: string): PerfTestResult {
  const lines = output.split('\n').filter((l) => LINE.test(l));
  const final = lines.find((l) => / 99th/.test(l));
  if (final !== undefined) {
    const m = LINE.exec(final)!;
    const p99 = /(\d+) ms 99th/.exec(final)!;
    return {
      records: Number(m[1]),
      recordsPerSecond: Number(m[2]),
      mbPerSecond: Number(m[3]),
      avgLatencyMs: Number(m[4]),
      maxLatencyMs: Number(m[5]),
      p99Ms: Number(p99[1]),
      complete: true,
    };
  }
  if (lines.length === 0) throw new Error('no "records sent" line in kafka-producer-perf-test output');
  let records = 0;
  let seconds = 0;
  let megabytes = 0;
  let latencySum = 0;
  let maxLatencyMs = 0;
  for (const line of lines) {
    const m = LINE.exec(line)!;
    const n = Number(m[1]);
    const windowSeconds = n / Number(m[2]);
    records += n;
    seconds += windowSeconds;
    megabytes += Number(m[3]) * windowSeconds;
    latencySum += Number(m[4]) * n;
    maxLatencyMs = Math.max(maxLatencyMs, Number(m[5]));
  }
  return {
    records,
    recordsPerSecond: records / seconds,
    mbPerSecond: megabytes / seconds,
    avgLatencyMs: latencySum / records,
    maxLatencyMs,
    complete: false,
  };
}
