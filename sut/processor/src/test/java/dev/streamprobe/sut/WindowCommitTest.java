package dev.streamprobe.sut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The whole topology under exactly_once_v2 in TopologyTestDriver, which runs the task's real commit (StreamTask.prepareCommit:
 * cache flushes, then the record collector) after every record: after each commit the OPEN changelog holds the value
 * the old code's put per partial left, for all input so far — one record per commit that changed the window.
 */
class WindowCommitTest {
  private static final long START = 1_796_068_145_000L;
  private static final String KEY = "pg12:click";

  private static byte[] event(int n, String user, long timeMs) {
    return ("{\"event_id\":\"e" + n + "\",\"type\":\"click\",\"user_id\":\"" + user + "\",\"page_id\":\"pg12\",\"event_time\":\"t\","
        + "\"event_time_ms\":" + timeMs + ",\"amount_cents\":" + n + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static void pipe(TestInputTopic<byte[], byte[]> events, int n, String user, long timeMs) {
    RecordHeaders stamp = new RecordHeaders();
    stamp.add("sp", ("run:0:" + n + ":" + (timeMs * 1000 + 1) + ":" + (timeMs * 1000 + 2)).getBytes(StandardCharsets.UTF_8));
    events.pipeInput(new TestRecord<>(user.getBytes(StandardCharsets.UTF_8), event(n, user, timeMs), stamp, timeMs));
  }

  @Test
  void eachCommitLogsTheOpenWindowsStateForAllInputSoFar() throws Exception {
    Config cfg = new Config();
    cfg.applicationId = "wct";
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, cfg.applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("wct").toString());
    try (RedisSink redis = new RedisSink("127.0.0.1", 1, "wct:"); // no Redis: a failed write is only counted
        TopologyTestDriver driver = new TopologyTestDriver(PipelineTopology.build(cfg, new Faults("", 1), redis), props)) {
      TestInputTopic<byte[], byte[]> events = driver.createInputTopic(cfg.eventsTopic, new ByteArraySerializer(), new ByteArraySerializer());
      TestOutputTopic<Bytes, byte[]> changelog = driver.createOutputTopic(
          cfg.applicationId + "-" + WindowAggregator.OPEN + "-changelog", new BytesDeserializer(), new ByteArrayDeserializer());
      Bytes window = StoreKeys.window(START, KEY);
      Set<String> seen = new LinkedHashSet<>();
      long amount = 0;
      for (int n = 0; n < 80; n++) {
        String user = String.format("u%03d", n % 50);
        pipe(events, n, user, START + n);
        seen.add(user);
        amount += n;
        List<KeyValue<Bytes, byte[]>> logged = changelog.readKeyValuesToList();
        assertEquals(1, logged.size(), "records logged by commit " + n);
        assertEquals(window, logged.get(0).key);
        List<String> all = new ArrayList<>(seen);
        int sealed = all.size() / OpenWindows.CHUNK;
        long[] agg = {n + 1, amount, all.size(), (START + n) * 1000 + 1, (START + n) * 1000 + 2};
        byte[] expected = OldEncoding.openValue(agg, sealed, all.subList(sealed * OpenWindows.CHUNK, all.size()));
        assertArrayEquals(expected, logged.get(0).value, "after commit " + n);
      }
      // the next window's first record closes this one: its value is logged, this one's tombstone, nothing after it
      long next = START + cfg.windowMs + cfg.graceMs;
      pipe(events, 80, "u999", next);
      Map<Bytes, byte[]> last = changelog.readKeyValuesToMap();
      assertNull(last.get(window));
      assertEquals(1, Aggregate.fromBytes(last.get(StoreKeys.window(START + cfg.windowMs, KEY))).count);
      TestOutputTopic<String, String> aggregates = driver.createOutputTopic(cfg.aggregatesTopic, new StringDeserializer(), new StringDeserializer());
      List<KeyValue<String, String>> emitted = aggregates.readKeyValuesToList();
      assertEquals(1, emitted.size());
      assertEquals(KEY, emitted.get(0).key);
      assertTrue(emitted.get(0).value.contains("\"count\":80,\"sum_amount_cents\":" + amount + ",\"distinct_users\":50,"), emitted.get(0).value);
    }
  }
}
