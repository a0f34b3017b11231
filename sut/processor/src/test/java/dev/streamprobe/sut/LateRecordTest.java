package dev.streamprobe.sut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * Lateness is judged by the record's own input partition, whatever the other partitions' tasks have got to. With two
 * events partitions in TopologyTestDriver only partition 0's task runs: partition 1 plays a task far behind, so the
 * window stage's stream time (the smallest watermark) stays where it was and no window closes by it.
 */
class LateRecordTest {
  private static final long START = 1_796_068_145_000L;

  @Test
  void aRecordLateForItsOwnPartitionIsDroppedWhileAnotherPartitionLags() throws Exception {
    Config cfg = new Config();
    cfg.applicationId = "late";
    cfg.eventsPartitions = 2;
    long lateBefore = Counters.LATE_DROPPED.get();
    try (RedisSink redis = new RedisSink("127.0.0.1", 1, "late:");
        TopologyTestDriver driver = new TopologyTestDriver(PipelineTopology.build(cfg, new Faults("", 1), redis), TopologyInput.exactlyOnce(cfg))) {
      TestInputTopic<byte[], byte[]> events = driver.createInputTopic(cfg.eventsTopic, new ByteArraySerializer(), new ByteArraySerializer());
      long close = START + cfg.windowMs + cfg.graceMs;
      TopologyInput.pipe(events, 0, "u1", START + 10);
      TopologyInput.pipe(events, 1, "u2", START + cfg.windowMs + 100); // past the first window's end, within its grace
      TopologyInput.pipe(events, 2, "u3", START + 30); // so this one still counts
      TopologyInput.pipe(events, 3, "u4", close); // this partition has passed the first window's close
      TopologyInput.pipe(events, 4, "u5", START + 20); // late here, though partition 1 still holds the window open
      assertEquals(1, Counters.LATE_DROPPED.get() - lateBefore);
      assertEquals(close, driver.<String, Long>getKeyValueStore(PreAggregator.PROGRESS).get("partition-max"));

      WindowAggregator.FLUSH_AT_MS.set(close + 3_600_000); // close every window
      driver.advanceWallClockTime(Duration.ofMillis(100));
      List<KeyValue<String, String>> emitted =
          driver.createOutputTopic(cfg.aggregatesTopic, new StringDeserializer(), new StringDeserializer()).readKeyValuesToList();
      assertEquals(2, emitted.size(), emitted.toString());
      assertTrue(emitted.get(0).value.contains("\"window_start_ms\":" + START + ","), emitted.get(0).value);
      assertTrue(emitted.get(0).value.contains("\"count\":2,\"sum_amount_cents\":2,\"distinct_users\":2,"), emitted.get(0).value);
      assertTrue(emitted.get(1).value.contains("\"count\":2,\"sum_amount_cents\":4,"), emitted.get(1).value);
    } finally {
      WindowAggregator.FLUSH_AT_MS.set(0);
    }
  }
}
