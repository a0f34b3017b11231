// Async style (this repository's scripts): the same calls, awaited.
import { BATCH, connection, writer, reader, messages, checkConsumed, topic } from './workload.js';

export { options } from './workload.js';

export async function setup() {
  await connection.createTopic({ topic, numPartitions: 1 });
}

export default async function () {
  await writer.produce({ messages: messages() });
  checkConsumed(await reader.consume({ limit: BATCH }));
}

export async function teardown() {
  await connection.deleteTopic(topic);
}
