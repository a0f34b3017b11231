// CPU per classic-mode call, split by thread: the VU side (this thread, blocked in BlockingClient.request as a
// VU thread is) and the rest of the process (the I/O thread with its Kafka work, and V8's GC helpers).
//   KAFKA_BROKERS=127.0.0.1:9092 npx tsx bench/classic/call-cost.ts [--calls 2000] [--io-threads 1]
// Cases: a call that fails at once on the I/O thread (the round trip alone), produce() of 200 JSON messages
// (acks=all, as bench/classic/workload.js), consume({ limit: 200 }) of them. CPU time, not wall-clock, so the
// numbers hold on a shared machine (Linux: reads /proc/thread-self/stat, 10 ms ticks; keep --calls large).
// Then the same produce/consume with the module on this thread (as async mode runs it): the Kafka work alone.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IoLink } from '../../runtime/classic/io-link.ts';
import type { CallRequest } from '../../runtime/classic/io-protocol.ts';
import { replyValue } from '../../runtime/classic/remote-object.ts';
import createKafkaModule from '../../runtime/modules/k6/x/kafka.ts';
import { FakeVU } from '../../test/unit/kafka/fake-vu.ts';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '2000' }, 'io-threads': { type: 'string', default: '1' } } });
const calls = Number(values.calls);
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const topic = `bench-classic-calls-${process.pid}-${Date.now()}`;
const BATCH = 200;

const link = await IoLink.start(['k6/x/kafka'], false, Number(values['io-threads']));
const client = link.attach({ id: 1, idInTest: 1, env: {}, scriptPath: 'bench/classic/call-cost.ts' });
function call(op: CallRequest['op'], target: string | number, method: string | undefined, args: unknown[]): unknown {
  const reply = client.request(
    { op, module: 'k6/x/kafka', target, method, args, phase: 'iteration', tags: { scenario: 'default' } },
    'bench',
  );
  if (!reply.ok && method !== 'noSuchMethod') throw new Error(reply.error!.message);
  return replyValue(reply);
}

/** this thread's CPU time in µs */
function threadCpuUs(): number {
  const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function measure(name: string, n: number, fn: (i: number) => unknown): Promise<void> {
  for (let i = 0; i < Math.min(100, n); i++) await fn(i); // warm-up
  const [t0, p0] = [threadCpuUs(), process.cpuUsage()];
  for (let i = 0; i < n; i++) await fn(i);
  const vu = threadCpuUs() - t0;
  const p = process.cpuUsage(p0);
  const rest = p.user + p.system - vu;
  console.log(JSON.stringify({ case: name, calls: n, vuUsPerCall: Math.round(vu / n), ioAndGcUsPerCall: Math.round(rest / n) }));
}

const encoder = new TextEncoder();
const messages = (i: number) =>
  Array.from({ length: BATCH }, (_, j) => ({ value: encoder.encode(JSON.stringify({ vu: 1, iteration: i, i: j, at: Date.now() })) }));

const connection = call('new', 'Connection', undefined, [{ address: brokers[0] }]) as number;
call('call', connection, 'createTopic', [{ topic, numPartitions: 1 }]);
const writer = call('new', 'Writer', undefined, [{ brokers, topic, requiredAcks: -1 }]) as number;
const reader = call('new', 'Reader', undefined, [{ brokers, topic, maxWait: '10s' }]) as number;
try {
  await measure('round trip (a call that fails at once)', calls * 5, () => call('call', writer, 'noSuchMethod', []));
  const batches = Array.from({ length: calls + 100 }, (_, i) => messages(i));
  await measure(`produce ${BATCH} messages`, calls, (i) => call('call', writer, 'produce', [{ messages: batches[i] }]));
  await measure(`consume ${BATCH} messages`, calls, () => {
    if ((call('call', reader, 'consume', [{ limit: BATCH }]) as unknown[]).length !== BATCH) throw new Error('short read');
  });
  // the same calls on this thread: "vuUsPerCall" is then all the work, "ioAndGcUsPerCall" V8's GC helpers
  const vu = new FakeVU();
  const kafka = createKafkaModule(vu) as Record<string, new (c: unknown) => Record<string, (a: unknown) => Promise<unknown>>>;
  const localWriter = new kafka.Writer!({ brokers, topic, requiredAcks: -1 });
  const localReader = new kafka.Reader!({ brokers, topic, maxWait: '10s', offset: (calls + 100) * BATCH });
  await measure(`in-process produce ${BATCH} messages`, calls, (i) => localWriter.produce!({ messages: batches[i] }));
  await measure(`in-process consume ${BATCH} messages`, calls, async () => {
    if (((await localReader.consume!({ limit: BATCH })) as unknown[]).length !== BATCH) throw new Error('short read');
  });
  await localWriter.close!(undefined);
  await localReader.close!(undefined);
} finally {
  call('call', connection, 'deleteTopic', [topic]);
  client.close();
  await link.close();
}
