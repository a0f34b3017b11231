// kafka-producer-perf-test for a fixed wall time instead of a record count, so both sides of
// max-rate.sh run equally long whatever their speed: it is given far more records than it can send
// and stopped after --seconds; its 5-second progress lines (full windows only) give the rate.
//   npx tsx bench/ingest/perf-producer.ts --seconds 60 -- --topic T --record-size 360 --throughput -1 --producer-props …
// Prints the tool's output; exit 0 when it was stopped on time (or finished first) and printed a rate.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { CACHE_DIR, ensureClasspath, javaArgs } from '../../infra/kafka/toolchain.ts';
import { parsePerfTest } from './perf-test-output.ts';

const PRODUCER_PERFORMANCE = 'org.apache.kafka.tools.ProducerPerformance';
/** more than any broker here takes in the time; the tool's latency sample array stays bounded */
const UNLIMITED_RECORDS = '1000000000';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { seconds: { type: 'string' } } });
const seconds = Number(values.seconds);
if (!(seconds > 0) || positionals.length === 0) {
  console.error('usage: perf-producer.ts --seconds N -- <kafka-producer-perf-test options without --num-records>');
  process.exit(2);
}

const args = ['--num-records', UNLIMITED_RECORDS, ...positionals];
const child = spawn('java', javaArgs(ensureClasspath(), PRODUCER_PERFORMANCE, args, { heap: '512m', logLevel: 'WARN' }), {
  cwd: CACHE_DIR,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk: string) => {
  output += chunk;
  process.stdout.write(chunk);
});
const timer = setTimeout(() => child.kill('SIGTERM'), seconds * 1000);
const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
clearTimeout(timer);
const stoppedOnTime = child.signalCode === 'SIGTERM' || code === 143 || code === 0;
try {
  parsePerfTest(output);
} catch (err) {
  console.error(`perf-producer: ${(err as Error).message} (exit ${code ?? child.signalCode})`);
  process.exit(1);
}
process.exit(stoppedOnTime ? 0 : 1);
