// Needs a running broker: `npm run kafka:up` (or KAFKA_BROKERS=host:port,… for an existing cluster).
import { Admin, Consumer, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { isTopicExists } from '../../../infra/kafka/ready.ts';

const bootstrapBrokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const topic = `streamprobe-infra-test-${randomUUID()}`;
const admin = new Admin({ clientId: 'infra-test', bootstrapBrokers });

before(async () => {
  const brokers = (await admin.metadata({ topics: [] })).brokers.size;
  await admin.createTopics({ topics: [topic], partitions: 2, replicas: Math.min(brokers, 3) });
});

after(async () => {
  await admin.deleteTopics({ topics: [topic] });
  await admin.close();
});

test('broker accepts acks=all produce and serves the records back to a consumer group', async () => {
  const producer = new Producer({ clientId: 'infra-test', bootstrapBrokers, serializers: stringSerializers });
  const sent = Array.from({ length: 10 }, (_, i) => ({ topic, key: `k${i}`, value: JSON.stringify({ i }) }));
  try {
    const result = await producer.send({ messages: sent, acks: -1 });
    assert.ok((result.offsets ?? []).length > 0, 'produce returned offsets');
  } finally {
    await producer.close();
  }

  const consumer = new Consumer({ clientId: 'infra-test', groupId: `g-${topic}`, bootstrapBrokers, deserializers: stringDeserializers });
  const received = new Map<string, string>();
  try {
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest' });
    for await (const message of stream) {
      received.set(message.key, message.value);
      if (received.size === sent.length) break;
    }
    await stream.close();
  } finally {
    await consumer.close(true);
  }
  assert.deepEqual(received, new Map(sent.map((m) => [m.key, m.value])));
});

test('creating an existing topic is recognised as TOPIC_ALREADY_EXISTS', async () => {
  const err = await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 }).catch((e: unknown) => e);
  assert.ok(isTopicExists(err));
});
