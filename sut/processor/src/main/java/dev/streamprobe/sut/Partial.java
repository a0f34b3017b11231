package dev.streamprobe.sut;

import java.nio.ByteBuffer;
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
  private static final byte[] NONE = new byte[0];
  /** a serialised partial's bytes before its users */
  private static final int HEADER = 1 + 4 + 8 + 5 * 8 + 4;
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
  /** the users of a partial pre-aggregated here; null in one read from the topic (see `read`) and in watermarks */
  private final UserSet users;
  /** a partial read from the topic: its record, whose users are [readFrom, record.length), readCount of them */
  private byte[] read = NONE;
  private int readFrom;
  private int readCount;

  private Partial(int sourcePartition, long time, boolean watermark, int target, UserSet users) {
    this.sourcePartition = sourcePartition;
    this.time = time;
    this.watermark = watermark;
    this.target = target;
    this.users = users;
  }

  public static Partial window(int sourcePartition, long start, int target) {
    return new Partial(sourcePartition, start, false, target, new UserSet());
  }

  public static Partial watermark(int sourcePartition, long maxEventTimeMs, int target) {
    return new Partial(sourcePartition, maxEventTimeMs, true, target, null);
  }

  /** the distinct users, encoded as in {@link UserSet}: [usersFrom(), usersTo()) of usersData() */
  byte[] usersData() {
    return users != null ? users.bytes() : read;
  }

  int usersFrom() {
    return users != null ? 0 : readFrom;
  }

  int usersTo() {
    return users != null ? users.length() : read.length;
  }

  int userCount() {
    return users != null ? users.size() : readCount;
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
      int from = p.usersFrom();
      int bytes = p.usersTo() - from;
      return ByteBuffer.allocate(HEADER + bytes).put((byte) (p.watermark ? 1 : 0)).putInt(p.sourcePartition).putLong(p.time)
          .putLong(p.records).putLong(p.count).putLong(p.sumAmountCents).putLong(p.maxIntendedUs).putLong(p.maxSentUs)
          .putInt(p.userCount()).put(p.usersData(), from, bytes).array();
    }
  }

  /** keeps the record: OpenWindows reads the users from it as they are */
  static final class PartialDeserializer implements Deserializer<Partial> {
    @Override
    public Partial deserialize(String topic, byte[] data) {
      ByteBuffer b = ByteBuffer.wrap(data);
      boolean watermark = b.get() == 1;
      int partition = b.getInt();
      long time = b.getLong();
      Partial p = new Partial(partition, time, watermark, -1, null);
      p.records = b.getLong();
      p.count = b.getLong();
      p.sumAmountCents = b.getLong();
      p.maxIntendedUs = b.getLong();
      p.maxSentUs = b.getLong();
      p.readCount = b.getInt();
      p.read = data;
      p.readFrom = HEADER;
      return p;
    }
  }
}
