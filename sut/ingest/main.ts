// The gateway as a process (started by sut/up.ts): node --import tsx sut/ingest/main.ts --brokers … --topic … --port …
import { parseArgs } from 'node:util';
import { startGateway } from './gateway.ts';

const { values } = parseArgs({
  options: { brokers: { type: 'string' }, topic: { type: 'string' }, port: { type: 'string', default: '0' } },
});
if (!values.brokers || !values.topic) {
  console.error('ingest: --brokers and --topic are required');
  process.exit(2);
}
const gateway = await startGateway({ brokers: values.brokers.split(','), topic: values.topic, port: Number(values.port) });
console.log(`ingest gateway on http://127.0.0.1:${gateway.port}`);
const stop = () => void gateway.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
