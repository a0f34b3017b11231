package dev.streamprobe.sut;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the aggregation needs of a valid event; stamps are -1 when the record carried none. `sourcePartition` is the
 * events partition it came from: the window stage keeps one watermark per input partition.
 */
public record Event(String eventId, String userId, long amountCents, long eventTimeMs, long intendedUs, long sentUs, int sourcePartition) {

  /** the repartition topic's value: 4 longs, the source partition, then the two ids as length-prefixed UTF-8 */
  public static final Serde<Event> SERDE = Serdes.serdeFrom(new EventSerializer(), new EventDeserializer());

  static final class EventSerializer implements Serializer<Event> {
    @Override
    public byte[] serialize(String topic, Event e) {
      byte[] id = e.eventId.getBytes(StandardCharsets.UTF_8);
      byte[] user = e.userId.getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(36 + 8 + id.length + user.length)
          .putLong(e.amountCents).putLong(e.eventTimeMs).putLong(e.intendedUs).putLong(e.sentUs).putInt(e.sourcePartition)
          .putInt(id.length).put(id).putInt(user.length).put(user).array();
    }
  }

  static final class EventDeserializer implements Deserializer<Event> {
    @Override
    public Event deserialize(String topic, byte[] data) {
      ByteBuffer b = ByteBuffer.wrap(data);
      long amount = b.getLong();
      long eventTime = b.getLong();
      long intended = b.getLong();
      long sent = b.getLong();
      int partition = b.getInt();
      String id = string(b);
      return new Event(id, string(b), amount, eventTime, intended, sent, partition);
    }

    private static String string(ByteBuffer b) {
      int len = b.getInt();
      String s = new String(b.array(), b.position(), len, StandardCharsets.UTF_8);
      b.position(b.position() + len);
      return s;
    }
  }
}
