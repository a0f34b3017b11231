package dev.streamprobe.sut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The whole topology under exactly_once_v2 in TopologyTestDriver, which runs the task's real commit (StreamTask.prepareCommit:
 * cache flushes, then the record collector) after every record: after each commit the OPEN changelog holds the value
 * the old code's put per partial left, for all input so far — one record per commit that changed the window.
 */
class WindowCommitTest {
  private static final long START = 1_796_068_145_000L;
  private static final String KEY = "pg12:click";

  @Test
  void eachCommitLogsTheOpenWindowsStateForAllInputSoFar() throws Exception {
    Config cfg = new Config();
    cfg.applicationId = "wct";
    try (RedisSink redis = new RedisSink("127.0.0.1", 1, "wct:"); // no Redis: a failed write is only counted
        TopologyTestDriver driver = new TopologyTestDriver(PipelineTopology.build(cfg, new Faults("", 1), redis), TopologyInput.exactlyOnce(cfg))) {
      TestInputTopic<byte[], byte[]> events = driver.createInputTopic(cfg.eventsTopic, new ByteArraySerializer(), new ByteArraySerializer());
      TestOutputTopic<Bytes, byte[]> changelog = driver.createOutputTopic(
          cfg.applicationId + "-" + WindowAggregator.OPEN + "-changelog", new BytesDeserializer(), new ByteArrayDeserializer());
      Bytes window = StoreKeys.window(START, KEY);
      Set<String> seen = new LinkedHashSet<>();
      long amount = 0;
      for (int n = 0; n < 80; n++) {
        String user = String.format("u%03d", n % 50);
        TopologyInput.pipe(events, n, user, START + n);
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
      TopologyInput.pipe(events, 80, "u999", next);
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
