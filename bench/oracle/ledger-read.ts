/**
 * The accuracy oracle's read-back of the ledger (lib/pipeline/ledger-reader.ts readLedger into Ledger and
 * ExpectedAggregates), as e2e-pipeline's verify scenario runs it, over a topic bench/oracle/ledger-load.ts filled:
 * prints the records read, lost / duplicated / out of order (all 0 for a clean load) and records/s.
 * DELETE_TOPIC=1 deletes `<PREFIX>events` afterwards. CPU per record: run it under /usr/bin/time (ledger-read.sh does).
 * Run: node bin/streamprobe.js run -q -e PREFIX=lf-x- -e RUN_ID=r1 bench/oracle/ledger-read.ts
 */
import { Connection } from 'k6/x/kafka';
import { brokers } from '../../lib/kafka.ts';
import { ExpectedAggregates } from '../../lib/oracle/expected.ts';
import { Ledger } from '../../lib/oracle/ledger.ts';
import { readLedger } from '../../lib/pipeline/ledger-reader.ts';
import { pipelineSettings } from '../../lib/pipeline/settings.ts';

export const options = { scenarios: { read: { executor: 'per-vu-iterations', vus: 1, iterations: 1, maxDuration: '30m' } } };
const settings = pipelineSettings(__ENV);

export default async function (): Promise<void> {
  const ledger = new Ledger();
  const expected = new ExpectedAggregates(settings.semantics);
  const started = Date.now();
  const tally = await readLedger(settings.topics.events, __ENV.RUN_ID!, ledger, expected);
  const ms = Date.now() - started;
  const windows = expected.finish(tally.lastSentMs).size;
  console.log(
    `${ledger.records} records of ${ledger.generators} generators, ${windows} windows, lost ${ledger.lost()}, ` +
      `duplicated ${ledger.duplicates}, out of order ${ledger.outOfOrder}, malformed ${tally.malformed}: ` +
      `${ms} ms, ${Math.round(ledger.records / (ms / 1000))} records/s`,
  );
  for (const p of ledger.problems) console.log(p.text);
}

export async function teardown(): Promise<void> {
  if (__ENV.DELETE_TOPIC !== '1') return;
  const connection = new Connection({ address: brokers()[0] });
  try {
    await connection.deleteTopic(settings.topics.events);
  } finally {
    await connection.close();
  }
}
