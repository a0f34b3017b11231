// Helpers of bench/ingest/max-rate.sh.
//   npx tsx bench/ingest/max-rate-report.ts record-size --summary S.json   → average record bytes (key + value + headers)
//   npx tsx bench/ingest/max-rate-report.ts rate --summary S.json          → "events/s N" (streamprobe's acknowledged rate)
//   npx tsx bench/ingest/max-rate-report.ts compare --summary S.json --java J.txt [--target 0.8]
//     → streamprobe events/s, kafka-producer-perf-test records/s and their ratio; exit 1 below the target
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parsePerfTest } from './perf-test-output.ts';
import { averageRecordBytes, ingestFigures, type SummaryExportFile } from './summary-figures.ts';

const { values: v, positionals } = parseArgs({
  allowPositionals: true,
  options: { summary: { type: 'string' }, java: { type: 'string' }, target: { type: 'string', default: '0.8' } },
});
const [command] = positionals;
if (!v.summary || !['record-size', 'rate', 'compare'].includes(command ?? '') || (command === 'compare' && !v.java)) {
  console.error('usage: max-rate-report.ts record-size|rate --summary S.json | compare --summary S.json --java J.txt [--target 0.8]');
  process.exit(2);
}
const figures = ingestFigures(JSON.parse(readFileSync(v.summary, 'utf8')) as SummaryExportFile);

if (command === 'record-size') {
  console.log(averageRecordBytes(figures));
} else if (command === 'rate') {
  console.log(`events/s ${Math.round(figures.messagesPerSecond)} (${figures.errors} errors)`);
} else {
  const java = parsePerfTest(readFileSync(v.java!, 'utf8'));
  const target = Number(v.target);
  const ratio = figures.messagesPerSecond / java.recordsPerSecond;
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  const ms = (n: number | undefined): string => (n === undefined ? 'n/a' : `${n.toFixed(1)} ms`);
  console.log(
    `streamprobe                 ${fmt(figures.messagesPerSecond)} events/s (${fmt(figures.messages)} acknowledged, ` +
      `${figures.errors} errors; write p99 ${ms(figures.writeP99Ms)})`,
  );
  const javaLatency = java.complete ? `p99 ${ms(java.p99Ms)}` : `avg ${ms(java.avgLatencyMs)}, max ${ms(java.maxLatencyMs)}`;
  console.log(
    `kafka-producer-perf-test    ${fmt(java.recordsPerSecond)} records/s (${fmt(java.records)} records, ` +
      `${java.mbPerSecond.toFixed(1)} MB/s; ${javaLatency} incl. accumulator queueing)`,
  );
  console.log(`ratio                       ${ratio.toFixed(3)} (target >= ${target})`);
  const ok = ratio >= target && figures.errors === 0;
  console.log(`RESULT: ${ok ? 'PASS' : 'FAIL'}${figures.errors > 0 ? ' (streamprobe had writer errors)' : ''}`);
  process.exit(ok ? 0 : 1);
}
