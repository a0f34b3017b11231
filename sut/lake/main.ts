// The lake sink as a process (started by sut/up.ts): sink + query endpoint on one DuckDB instance.
import { DuckDBInstance } from '@duckdb/node-api';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createQueryServer } from './query.ts';
import { LakeSink } from './sink.ts';

const { values } = parseArgs({
  options: {
    brokers: { type: 'string' },
    topic: { type: 'string' },
    group: { type: 'string' },
    dir: { type: 'string' },
    port: { type: 'string', default: '0' },
    'flush-ms': { type: 'string', default: '2000' },
  },
});
if (!values.brokers || !values.topic || !values.group || !values.dir) {
  console.error('lake: --brokers, --topic, --group and --dir are required');
  process.exit(2);
}
const db = await DuckDBInstance.create(':memory:');
const sink = new LakeSink({
  brokers: values.brokers.split(','),
  topic: values.topic,
  groupId: values.group,
  dir: values.dir,
  flushMs: Number(values['flush-ms']),
  onFailure(err) {
    console.error(`lake: stopping, files may lack records (their offsets stay uncommitted and are read again on restart): ${err.message}`);
    process.exit(1);
  },
});
await sink.start(db);
const server = createQueryServer(values.dir, await db.connect(), () => ({ ...sink.stats }));
await new Promise<void>((resolve) => server.listen(Number(values.port), '127.0.0.1', () => resolve()));
console.log(`lake query endpoint on http://127.0.0.1:${(server.address() as AddressInfo).port}, files under ${values.dir}`);
const stop = () => {
  server.close();
  void sink.close().then(
    () => process.exit(0),
    (err: Error) => (console.error(`lake: ${err.message}`), process.exit(1)),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
