package dev.streamprobe.sut;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What travels through the repartition topic: one input task's events of one (window, key) since its last commit,
 * pre-aggregated (PreAggregator), or a watermark — the largest event time the task has taken from its events
 * partition, sent to every window task after the partials it covers. A watermark's `records` counts the valid input
 * records, faults not yet applied, of the partials it follows to its window task (the window stage's records_aggregated).
 */
public final class Partial {
  public final int sourcePartition;
  /** the window start (partials) or the partition's largest event time (watermarks) */
  public final long time;
  public final boolean watermark;
  /** the repartition partition (window task) it goes to; not serialised */
  public final int target;
  public long records;
  public long count;
  public long sumAmountCents;
  public long maxIntendedUs = -1;
  public long maxSentUs = -1;
  public final Set<String> users;

  private Partial(int sourcePartition, long time, boolean watermark, int target, Set<String> users) {
    this.sourcePartition = sourcePartition;
    this.time = time;
    this.watermark = watermark;
    this.target = target;
    this.users = users;
  }

  public static Partial window(int sourcePartition, long start, int target) {
    return new Partial(sourcePartition, start, false, target, new HashSet<>());
  }

  public static Partial watermark(int sourcePartition, long maxEventTimeMs, int target) {
    return new Partial(sourcePartition, maxEventTimeMs, true, target, Set.of());
  }

  public void add(Event e) {
    count++;
    sumAmountCents += e.amountCents();
    users.add(e.userId());
    maxIntendedUs = Math.max(maxIntendedUs, e.intendedUs());
    maxSentUs = Math.max(maxSentUs, e.sentUs());
  }

  /** the partial's value: flags, partition, time, 5 longs, user count, then each user as 2-byte length + UTF-8 */
  public static final Serde<Partial> SERDE = Serdes.serdeFrom(new PartialSerializer(), new PartialDeserializer());

  static final class PartialSerializer implements Serializer<Partial> {
    @Override
    public byte[] serialize(String topic, Partial p) {
      List<byte[]> users = new ArrayList<>(p.users.size());
      int size = 1 + 4 + 8 + 5 * 8 + 4;
      for (String u : p.users) {
        byte[] b = u.getBytes(StandardCharsets.UTF_8);
        users.add(b);
        size += 2 + b.length;
      }
      ByteBuffer buf = ByteBuffer.allocate(size).put((byte) (p.watermark ? 1 : 0)).putInt(p.sourcePartition).putLong(p.time)
          .putLong(p.records).putLong(p.count).putLong(p.sumAmountCents).putLong(p.maxIntendedUs).putLong(p.maxSentUs)
          .putInt(users.size());
      for (byte[] b : users) buf.putShort((short) b.length).put(b);
      return buf.array();
    }
  }

  static final class PartialDeserializer implements Deserializer<Partial> {
    @Override
    public Partial deserialize(String topic, byte[] data) {
      ByteBuffer b = ByteBuffer.wrap(data);
      boolean watermark = b.get() == 1;
      int partition = b.getInt();
      long time = b.getLong();
      Partial p = watermark ? watermark(partition, time, -1) : window(partition, time, -1);
      p.records = b.getLong();
      p.count = b.getLong();
      p.sumAmountCents = b.getLong();
      p.maxIntendedUs = b.getLong();
      p.maxSentUs = b.getLong();
      int n = b.getInt();
      for (int i = 0; i < n; i++) {
        int len = b.getShort() & 0xffff;
        p.users.add(new String(data, b.position(), len, StandardCharsets.UTF_8));
        b.position(b.position() + len);
      }
      return p;
    }
  }
}
