package dev.streamprobe.sut;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;

/** Input for the whole topology in TopologyTestDriver: exactly_once_v2 driver settings and stamped pg12 click events. */
final class TopologyInput {
  private TopologyInput() {}

  static Properties exactlyOnce(Config cfg) throws IOException {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, cfg.applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(cfg.applicationId).toString());
    return props;
  }

  static byte[] event(int n, String user, long timeMs) {
    return ("{\"event_id\":\"e" + n + "\",\"type\":\"click\",\"user_id\":\"" + user + "\",\"page_id\":\"pg12\",\"event_time\":\"t\","
        + "\"event_time_ms\":" + timeMs + ",\"amount_cents\":" + n + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** event n of generator 0, with event time = intended send time (+1 µs) */
  static void pipe(TestInputTopic<byte[], byte[]> events, int n, String user, long timeMs) {
    RecordHeaders stamp = new RecordHeaders();
    stamp.add("sp", ("run:0:" + n + ":" + (timeMs * 1000 + 1) + ":" + (timeMs * 1000 + 2)).getBytes(StandardCharsets.UTF_8));
    events.pipeInput(new TestRecord<>(user.getBytes(StandardCharsets.UTF_8), event(n, user, timeMs), stamp, timeMs));
  }
}
