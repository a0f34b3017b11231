package dev.streamprobe.sut;

import java.util.HashMap;
import java.util.Map;

/** Command-line options of one processor instance (sut/up.ts passes them all). */
public final class Config {
  public String brokers = "127.0.0.1:9092";
  public String applicationId = "streamprobe-sut";
  public String eventsTopic = "events";
  public String dlqTopic = "events-dlq";
  public String aggregatesTopic = "aggregates";
  /** partitions of the events topic (Main reads them from the broker): one watermark each */
  public int eventsPartitions = 1;
  public long windowMs = 5_000;
  public long graceMs = 250;
  /** a task that processed no record for this long closes windows as if its stream time were the wall clock */
  public long idleCloseMs = 30_000;
  public long retentionMs = 10 * 60_000;
  public long commitMs = 100;
  public int threads = 1;
  public String guarantee = "exactly_once_v2";
  public int maxEventBytes = 16_384;
  public int httpPort = 0;
  public String stateDir = "/tmp/streamprobe-sut";
  public String redisHost = "127.0.0.1";
  public int redisPort = 6379;
  public String redisPrefix = "sp:";
  public String faults = "";
  public long faultSeed = 1;

  public static Config parse(String[] args) {
    Map<String, String> kv = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException("expected --name value, got " + a);
      kv.put(a.substring(2), args[++i]);
    }
    Config c = new Config();
    for (Map.Entry<String, String> e : kv.entrySet()) {
      String v = e.getValue();
      switch (e.getKey()) {
        case "brokers" -> c.brokers = v;
        case "application-id" -> c.applicationId = v;
        case "events-topic" -> c.eventsTopic = v;
        case "dlq-topic" -> c.dlqTopic = v;
        case "aggregates-topic" -> c.aggregatesTopic = v;
        case "window-ms" -> c.windowMs = Long.parseLong(v);
        case "grace-ms" -> c.graceMs = Long.parseLong(v);
        case "idle-close-ms" -> c.idleCloseMs = Long.parseLong(v);
        case "retention-ms" -> c.retentionMs = Long.parseLong(v);
        case "commit-ms" -> c.commitMs = Long.parseLong(v);
        case "threads" -> c.threads = Integer.parseInt(v);
        case "guarantee" -> c.guarantee = v;
        case "max-event-bytes" -> c.maxEventBytes = Integer.parseInt(v);
        case "http-port" -> c.httpPort = Integer.parseInt(v);
        case "state-dir" -> c.stateDir = v;
        case "redis-host" -> c.redisHost = v;
        case "redis-port" -> c.redisPort = Integer.parseInt(v);
        case "redis-prefix" -> c.redisPrefix = v;
        case "fault" -> c.faults = v;
        case "fault-seed" -> c.faultSeed = Long.parseLong(v);
        default -> throw new IllegalArgumentException("unknown option --" + e.getKey());
      }
    }
    if (!c.guarantee.equals("exactly_once_v2") && !c.guarantee.equals("at_least_once")) {
      throw new IllegalArgumentException("--guarantee must be exactly_once_v2 or at_least_once, got " + c.guarantee);
    }
    if (c.windowMs <= 0 || c.graceMs < 0) throw new IllegalArgumentException("--window-ms must be > 0 and --grace-ms >= 0");
    return c;
  }
}
