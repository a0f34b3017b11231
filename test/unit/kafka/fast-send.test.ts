import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kGetApi, NetworkError, Reader, readRecordsBatch, ResponseError, type Producer } from '@platformatic/kafka';
import { FastSender, type FastSendOptions } from '../../../runtime/modules/k6/x/kafka/produce/fast-send.ts';
import type { OutgoingBatch } from '../../../runtime/modules/k6/x/kafka/produce/outgoing.ts';

const NOT_LEADER = 6;
const MESSAGE_TOO_LARGE = 10;
const INVALID_REQUIRED_ACKS = 21;

interface SentRequest {
  broker: number;
  version: number;
  partitions: string[];
}

/** Answers each produce request with the error code `answer` picks per partition (0 = ok). */
type Answer = (topic: string, partition: number, attempt: number) => number | Error;

/** A Producer exposing just what FastSender uses: two brokers, leaders by partition parity. */
function fakeProducer(answer: Answer, brokerVersion = 11) {
  const sent: SentRequest[] = [];
  const attempts = new Map<string, number>();
  let metadataClears = 0;
  const brokers = new Map([
    [1, { host: 'b1', port: 1 }],
    [2, { host: 'b2', port: 2 }],
  ]);
  const producer = {
    [kGetApi]: (_name: string, cb: (e: Error | null, api?: { version: number }) => void) => cb(null, { version: brokerVersion }),
    clearMetadata: () => void metadataClears++,
    metadata: async ({ topics }: { topics: string[] }) => ({
      brokers,
      topics: new Map(topics.map((t) => [t, { partitionsCount: 4, partitions: [0, 1, 2, 3].map((p) => ({ leader: (p % 2) + 1 })) }])),
    }),
    connections: {
      get: async (broker: { port: number }) => ({
        send(
          _key: number,
          version: number,
          payload: () => { buffer: Buffer },
          _parse: unknown,
          _a: boolean,
          _b: boolean,
          cb: (e: Error | null, r?: unknown) => void,
        ) {
          const request = decodeRequest(payload().buffer);
          sent.push({ broker: broker.port, version, partitions: request.map((p) => `${p.topic}:${p.partition}`) });
          const responses: { name: string; partitionResponses: { index: number; errorCode: number; errorMessage: null }[] }[] = [];
          const errors: Record<string, [number, null]> = {};
          for (const p of request) {
            const key = `${p.topic}:${p.partition}`;
            const attempt = attempts.get(key) ?? 0;
            attempts.set(key, attempt + 1);
            const code = answer(p.topic, p.partition, attempt);
            if (code instanceof Error) return setImmediate(() => cb(code));
            let topic = responses.find((r) => r.name === p.topic);
            if (!topic) responses.push((topic = { name: p.topic, partitionResponses: [] }));
            topic.partitionResponses.push({ index: p.partition, errorCode: code, errorMessage: null });
            if (code !== 0)
              errors[`/responses/${responses.length - 1}/partition_responses/${topic.partitionResponses.length - 1}`] = [code, null];
          }
          const response = { responses, throttleTimeMs: 0 };
          setImmediate(() => (Object.keys(errors).length ? cb(new ResponseError(0, 9, errors, response)) : cb(null, response)));
        },
      }),
    },
  };
  return { producer: producer as unknown as Producer, sent, clears: () => metadataClears };
}

/** The partitions (and their record counts) of a ProduceRequest v9 body as createProduceRequest writes it. */
function decodeRequest(body: Buffer): { topic: string; partition: number; records: number }[] {
  const r = Reader.from(body);
  assert.equal(r.readNullableString(), null);
  r.readInt16();
  r.readInt32();
  const out: { topic: string; partition: number; records: number }[] = [];
  r.readArray((r) => {
    const topic = r.readString();
    r.readArray((r) => {
      const partition = r.readInt32();
      const length = r.readUnsignedVarInt() - 1;
      const batch = readRecordsBatch(Reader.from(r.buffer.subarray(r.position, r.position + length)));
      r.skip(length);
      out.push({ topic, partition, records: batch.records.length });
    });
  });
  return out;
}

const options: FastSendOptions = { acks: -1, timeoutMs: 1000, retries: 3, retryDelayMs: 1, autocreateTopics: false, maxBatchBytes: 1000 };

function batch(topic: string, partitions: number[]): OutgoingBatch {
  return { records: partitions.map((p) => ({ value: `v${p}` })), topics: partitions.map(() => topic), partitions };
}

const producedOf = (e: unknown) =>
  (e as { produced: { offsets: { topic: string; partition: number }[] } }).produced.offsets.map((o) => `${o.topic}:${o.partition}`).sort();

describe('FastSender', () => {
  it('sends one v9 request per leader with one batch per partition', async () => {
    const fake = fakeProducer(() => 0);
    const sender = new FastSender(fake.producer, options);
    assert.equal(await sender.supported(), true);
    await sender.send([batch('a', [0, 1, 2, 2]), batch('b', [3]), batch('a', [0])]);
    assert.deepEqual(fake.sent.map((s) => [s.broker, s.version, s.partitions]).sort(), [
      [1, 9, ['a:0', 'a:2']],
      [2, 9, ['a:1', 'b:3']],
    ]);
  });

  it('is not supported by a broker without produce v9', async () => {
    assert.equal(await new FastSender(fakeProducer(() => 0, 8).producer, options).supported(), false);
  });

  it('resends only the partitions that lost their leader, after a metadata refresh', async () => {
    const fake = fakeProducer((_t, p, attempt) => (p === 1 && attempt === 0 ? NOT_LEADER : 0));
    await new FastSender(fake.producer, options).send([batch('a', [0, 1, 2])]);
    assert.equal(fake.sent.filter((s) => s.partitions.includes('a:1')).length, 2);
    assert.equal(fake.sent.filter((s) => s.partitions.includes('a:0')).length, 1);
    assert.equal(fake.clears(), 1);
  });

  it('retries network failures of a whole request', async () => {
    const fake = fakeProducer((_t, p, attempt) => (p === 1 && attempt < 2 ? new NetworkError('Connection closed') : 0));
    await new FastSender(fake.producer, options).send([batch('a', [0, 1])]);
    assert.equal(fake.sent.filter((s) => s.partitions.includes('a:1')).length, 3);
  });

  it('fails with the acknowledged partitions after a non-retriable partition error', async () => {
    const fake = fakeProducer((_t, p) => (p === 1 ? INVALID_REQUIRED_ACKS : 0));
    await assert.rejects(new FastSender(fake.producer, options).send([batch('a', [0, 1, 2])]), (e: any) => {
      assert.equal(e.apiId, 'INVALID_REQUIRED_ACKS');
      assert.deepEqual(producedOf(e), ['a:0', 'a:2']);
      return true;
    });
    assert.equal(fake.sent.length, 2, 'no retry');
  });

  it('gives up on retriable errors after the configured retries', async () => {
    const fake = fakeProducer((_t, p) => (p === 0 ? NOT_LEADER : 0));
    await assert.rejects(new FastSender(fake.producer, { ...options, retries: 2 }).send([batch('a', [0, 1])]), (e: any) => {
      assert.equal(e.apiId, 'NOT_LEADER_OR_FOLLOWER');
      assert.deepEqual(producedOf(e), ['a:1']);
      return true;
    });
    assert.equal(fake.sent.filter((s) => s.partitions.includes('a:0')).length, 3);
  });

  it('names the batch size and batchBytes when the broker refuses a batch as too large', async () => {
    const fake = fakeProducer(() => MESSAGE_TOO_LARGE);
    await assert.rejects(new FastSender(fake.producer, options).send([batch('big', [0])]), (e: any) => {
      assert.match(e.message, /record batch of \d+ bytes for big\[0\].*batchBytes 1000/);
      assert.deepEqual(producedOf(e), []);
      return true;
    });
  });

  it('with acks=0 counts every partition as written', async () => {
    const sent: string[] = [];
    const fake = fakeProducer(() => 0);
    // acks=0 requests get no response: the connection reports the write, as @platformatic/kafka's does
    (fake.producer as any).connections.get = async () => ({
      send: (_k: number, _v: number, payload: () => { buffer: Buffer; context: { noResponse?: boolean } }, ...rest: any[]) => {
        const writer = payload();
        assert.equal(writer.context.noResponse, true);
        sent.push(...decodeRequest(writer.buffer).map((p) => `${p.topic}:${p.partition}`));
        setImmediate(() => rest[rest.length - 1](null, true));
      },
    });
    await new FastSender(fake.producer, { ...options, acks: 0 }).send([batch('a', [0, 1])]);
    assert.deepEqual(sent.sort(), ['a:0', 'a:1']);
  });
});
