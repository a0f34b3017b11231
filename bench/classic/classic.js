// Classic style (as xk6-kafka's examples): blocking calls, used directly.
import { BATCH, connection, writer, reader, messages, checkConsumed, topic } from './workload.js';

export { options } from './workload.js';

export function setup() {
  connection.createTopic({ topic, numPartitions: 1 });
}

export default function () {
  writer.produce({ messages: messages() });
  checkConsumed(reader.consume({ limit: BATCH }));
}

export function teardown() {
  connection.deleteTopic(topic);
}
