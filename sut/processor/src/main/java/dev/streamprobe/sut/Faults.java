package dev.streamprobe.sut;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Fault switches for self-tests (`--fault drop=0.001,duplicate=0.01,delay=0.01:2000,skew=1000,miscount=pg1:click,crash=5000`).
 * Decisions hash (seed, fault, event id), so they are the same on every run and every replay of the same input.
 */
public final class Faults {
  public double drop;
  public double duplicate;
  public double delay;
  public long delayMs = 2_000;
  public long skewMs;
  public String miscountKey;
  public long crashAfter;
  private final long seed;

  public Faults(String spec, long seed) {
    this.seed = seed;
    if (spec == null || spec.isBlank()) return;
    for (String part : spec.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2) throw new IllegalArgumentException("--fault expects name=value, got " + part);
      String v = kv[1];
      switch (kv[0].trim()) {
        case "drop" -> drop = fraction("drop", v);
        case "duplicate" -> duplicate = fraction("duplicate", v);
        case "delay" -> {
          String[] fm = v.split(":", 2);
          delay = fraction("delay", fm[0]);
          if (fm.length == 2) delayMs = Long.parseLong(fm[1]);
        }
        case "skew" -> skewMs = Long.parseLong(v);
        case "miscount" -> miscountKey = v;
        case "crash" -> crashAfter = Long.parseLong(v);
        default -> throw new IllegalArgumentException("unknown fault " + kv[0] + " (drop, duplicate, delay, skew, miscount, crash)");
      }
    }
  }

  public boolean any() {
    return drop > 0 || duplicate > 0 || delay > 0 || skewMs != 0 || miscountKey != null || crashAfter > 0;
  }

  /**
   * The crash fault's watch on the output topic, opened before a window close emits: {@link #haltOnceReadable} halts the
   * JVM (no clean-up, no commit) once the emitted values are in the topic. Read uncommitted: under exactly_once_v2 they
   * sit in a transaction the halt leaves open, which the broker aborts.
   */
  public static final class CrashWatch {
    private static final long WAIT_MS = 60_000;
    private final KafkaConsumer<String, String> consumer;

    public CrashWatch(String brokers, String topic) {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
      p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
      List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(parts).entrySet()) consumer.seek(end.getKey(), end.getValue());
    }

    /** Halts once every one of `values` can be read (at most 60 s: a broker that never shows them halts us anyway). */
    public void haltOnceReadable(List<String> values) {
      Set<String> pending = new HashSet<>(values);
      long deadline = System.currentTimeMillis() + WAIT_MS;
      while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) pending.remove(r.value());
      }
      System.out.println("fault crash: halting after a window close, " + (values.size() - pending.size()) + " of its " + values.size()
          + " results in the output topic, its state changes and input offsets neither in Kafka");
      System.out.flush();
      Runtime.getRuntime().halt(3);
    }
  }

  private static double fraction(String name, String v) {
    double f = Double.parseDouble(v);
    if (!(f >= 0 && f <= 1)) throw new IllegalArgumentException("fault " + name + " must be a fraction between 0 and 1, got " + v);
    return f;
  }

  /** a uniform draw in [0, 1) fixed by (seed, salt, eventId) */
  public double draw(int salt, String eventId) {
    long h = seed * 0x9E3779B97F4A7C15L + salt;
    for (byte b : eventId.getBytes(StandardCharsets.UTF_8)) h = mix(h ^ b);
    return (mix(h) >>> 11) * 0x1.0p-53;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
