package dev.streamprobe.sut;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** What the aggregation needs of a valid event; stamps are -1 when the record carried none. */
public record Event(String eventId, String userId, long amountCents, long eventTimeMs, long intendedUs, long sentUs) {

  public static final Serde<Event> SERDE = Serdes.serdeFrom(new EventSerializer(), new EventDeserializer());

  static final class EventSerializer implements Serializer<Event> {
    @Override
    public byte[] serialize(String topic, Event e) {
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(e.eventId);
        out.writeUTF(e.userId);
        out.writeLong(e.amountCents);
        out.writeLong(e.eventTimeMs);
        out.writeLong(e.intendedUs);
        out.writeLong(e.sentUs);
        return bytes.toByteArray();
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
  }

  static final class EventDeserializer implements Deserializer<Event> {
    @Override
    public Event deserialize(String topic, byte[] data) {
      try {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        return new Event(in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
  }
}
