// The one-screen result of bench/ingest/run.sh; exit 0 when every acceptance check passes, 1 otherwise.
//   npx tsx bench/ingest/report.ts --summary S.json --broker B.json --timeline T.jsonl \
//     --rate 150000 --ramp 30s --interval-ms 1000 --exit-code 0
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { durationMs } from '../../lib/duration.ts';
import { formatReport, ingestChecks } from './ingest-verdict.ts';
import { parseTimeline, steadyRate } from './steady-rate.ts';
import { ingestFigures, type SummaryExportFile } from './summary-figures.ts';
import type { TopicCount } from './topic-offsets.ts';

const { values: v } = parseArgs({
  options: {
    summary: { type: 'string' },
    broker: { type: 'string' },
    timeline: { type: 'string' },
    rate: { type: 'string' },
    ramp: { type: 'string' },
    'interval-ms': { type: 'string', default: '1000' },
    'exit-code': { type: 'string', default: '0' },
  },
});
for (const name of ['summary', 'broker', 'timeline', 'rate', 'ramp'] as const) {
  if (!v[name]) {
    console.error(`report: --${name} is required`);
    process.exit(2);
  }
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const figures = ingestFigures(readJson<SummaryExportFile>(v.summary!));
const broker = readJson<TopicCount>(v.broker!);
const steady = steadyRate(parseTimeline(readFileSync(v.timeline!, 'utf8')), durationMs(v.ramp!), Number(v['interval-ms']));
const run = {
  targetEventsPerSecond: Number(v.rate),
  figures,
  brokerMessages: broker.messages,
  exitCode: Number(v['exit-code']),
  ...(steady && { steady }),
};
const checks = ingestChecks(run);
console.log(formatReport(run, checks));
process.exit(checks.every((c) => c.ok) ? 0 : 1);
