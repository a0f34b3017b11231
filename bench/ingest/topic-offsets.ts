/** How many records a topic holds on the broker: Σ over partitions of (end offset − start offset). */
import type { Admin } from '@platformatic/kafka';

/** ListOffsets timestamps with a special meaning (Kafka protocol). */
const LATEST = -1n;
const EARLIEST = -2n;

export interface PartitionRange {
  partition: number;
  start: number;
  end: number;
}

export interface TopicCount {
  topic: string;
  partitions: PartitionRange[];
  messages: number;
}

/** The topic's partition ranges; 0 messages and no partitions when the topic does not exist yet. */
export async function topicCount(admin: Admin, topic: string): Promise<TopicCount> {
  // listTopics first: a metadata request for a missing topic fails (or, with auto-creation, creates it)
  if (!(await admin.listTopics()).includes(topic)) return { topic, partitions: [], messages: 0 };
  const metadata = await admin.metadata({ topics: [topic], forceUpdate: true });
  const partitionCount = metadata.topics.get(topic)?.partitionsCount ?? 0;
  const [starts, ends] = await Promise.all([
    offsets(admin, topic, partitionCount, EARLIEST),
    offsets(admin, topic, partitionCount, LATEST),
  ]);
  const partitions = [...ends.keys()]
    .sort((a, b) => a - b)
    .map((partition) => ({
      partition,
      start: starts.get(partition) ?? 0,
      end: ends.get(partition)!,
    }));
  return { topic, partitions, messages: partitions.reduce((sum, p) => sum + p.end - p.start, 0) };
}

async function offsets(admin: Admin, topic: string, partitionCount: number, timestamp: bigint): Promise<Map<number, number>> {
  const partitions = Array.from({ length: partitionCount }, (_, partitionIndex) => ({ partitionIndex, timestamp }));
  const listed = await admin.listOffsets({ topics: [{ name: topic, partitions }] });
  const out = new Map<number, number>();
  for (const p of listed.find((t) => t.name === topic)?.partitions ?? []) out.set(p.partitionIndex, Number(p.offset));
  return out;
}
