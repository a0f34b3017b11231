package dev.streamprobe.sut;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/** One processor instance: Kafka Streams + the query API. Prints `state <old> -> <new>` lines that sut/up.ts waits on. */
public final class Main {
  public static void main(String[] args) throws Exception {
    Config cfg;
    try {
      cfg = Config.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("processor: " + e.getMessage());
      System.exit(2);
      return;
    }
    cfg.eventsPartitions = partitionCount(cfg);
    Faults faults = new Faults(cfg.faults, cfg.faultSeed);
    RedisSink redis = new RedisSink(cfg.redisHost, cfg.redisPort, cfg.redisPrefix);
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", cfg.httpPort), 0);
    int port = http.getAddress().getPort();

    KafkaStreams streams = new KafkaStreams(PipelineTopology.build(cfg, faults, redis), properties(cfg, port));
    CountDownLatch stopped = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      System.out.println("state " + before + " -> " + now);
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) stopped.countDown();
    });
    streams.setUncaughtExceptionHandler(e -> {
      System.err.println("processor: stream thread failed: " + e);
      e.printStackTrace();
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    new QueryServer(http, streams, redis, cfg);
    http.start();
    System.out.println("query API on http://127.0.0.1:" + port + (faults.any() ? " (faults: " + cfg.faults + ")" : ""));

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // leave the group so the remaining instances take over at once rather than after the session timeout
      streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(15)));
      http.stop(0);
      redis.close();
    }));
    streams.start();
    stopped.await();
    if (streams.state() == KafkaStreams.State.ERROR) System.exit(1);
  }

  private static int partitionCount(Config cfg) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.brokers);
    try (Admin admin = Admin.create(p)) {
      return admin.describeTopics(List.of(cfg.eventsTopic)).allTopicNames().get(60, TimeUnit.SECONDS).get(cfg.eventsTopic).partitions().size();
    }
  }

  static Properties properties(Config cfg, int httpPort) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, cfg.applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.brokers);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, cfg.guarantee);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, cfg.commitMs);
    p.put(StreamsConfig.STATE_DIR_CONFIG, cfg.stateDir);
    p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + httpPort);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, cfg.threads);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L * 1024 * 1024);
    // Streams' producer default linger.ms is 100: that would add up to 100 ms per hop to result latency
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    // With transactions v2 a transaction's first send to a partition (the DLQ: malformed records are forwarded at once)
    // is refused with CONCURRENT_TRANSACTIONS while the broker still writes the previous commit's markers, and the
    // batches behind it with OUT_OF_ORDER_SEQUENCE_NUMBER. The markers take milliseconds, but the default backoff
    // (100 ms, doubling to 1 s) held such retries for seconds at 100,000 events/s: retry soon and keep retrying soon.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), 50);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_500);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 100);
    return p;
  }
}
