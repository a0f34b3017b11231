package dev.streamprobe.sut;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;

/**
 * events → validate → (invalid) events-dlq with an sp-dlq-reason header
 *                   → (valid, timestamp = event_time_ms) drop if late for its partition, pre-aggregate per (window, page_id:type) until the commit
 *                   → repartition the partials by page_id:type (watermarks to every partition) → windows → aggregates (+ Redis)
 */
public final class PipelineTopology {
  public static final String DLQ_REASON_HEADER = "sp-dlq-reason";

  private PipelineTopology() {}

  /** a validated record with its original bytes (the DLQ gets them unchanged) */
  record Routed(Validator.Result result, byte[] raw) {}

  public static Topology build(Config cfg, Faults faults, RedisSink redis) {
    StreamsBuilder b = new StreamsBuilder();
    Map<String, KStream<byte[], Routed>> routes = b
        .stream(cfg.eventsTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("events"))
        .processValues(() -> new Validate(cfg.maxEventBytes), Named.as("validate"))
        .split(Named.as("route-"))
        .branch((k, v) -> v.result().reason() != null, Branched.as("dlq"))
        .defaultBranch(Branched.as("valid"));

    routes.get("route-dlq")
        .mapValues(Routed::raw, Named.as("dlq-value"))
        .to(cfg.dlqTopic, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dlq"));

    // uncached: OpenWindows writes a window once per commit itself, inside the commit (a cache would only add lookups)
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WindowAggregator.OPEN), Serdes.Bytes(), Serdes.ByteArray()));
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WindowAggregator.USERS), Serdes.Bytes(), Serdes.ByteArray()));
    // no changelog: each only holds the marker whose flush at each commit runs a CommitHook
    for (String marker : new String[] {PreAggregator.BATCH, WindowAggregator.OPEN_PENDING}) {
      b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(marker), Serdes.Bytes(), Serdes.ByteArray())
          .withCachingEnabled().withLoggingDisabled());
    }
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WindowAggregator.META), Serdes.String(), Serdes.Long()));
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PreAggregator.PROGRESS), Serdes.String(), Serdes.Long()));
    b.addStateStore(Stores.windowStoreBuilder(
        Stores.inMemoryWindowStore(WindowAggregator.FINAL, Duration.ofMillis(cfg.retentionMs), Duration.ofMillis(cfg.windowMs), false),
        Serdes.String(), Serdes.String()));

    routes.get("route-valid")
        .process(() -> new PreAggregator(cfg, faults), Named.as("pre-aggregate"), PreAggregator.BATCH, PreAggregator.PROGRESS)
        .repartition(Repartitioned.with(Serdes.String(), Partial.SERDE).withName("by-page-type")
            .withStreamPartitioner((topic, key, partial, partitions) -> Optional.of(Set.of(partial.target))))
        .process(() -> new WindowAggregator(cfg, faults, redis), Named.as("windows"),
            WindowAggregator.OPEN, WindowAggregator.USERS, WindowAggregator.FINAL, WindowAggregator.META, WindowAggregator.OPEN_PENDING)
        .to(cfg.aggregatesTopic, Produced.with(Serdes.String(), Serdes.String()).withName("aggregates"));
    return b.build();
  }

  /** Valid records take their event time as timestamp and drop their headers (the stamps travel in the value). */
  static final class Validate implements FixedKeyProcessor<byte[], byte[], Routed> {
    private final Validator validator;
    private FixedKeyProcessorContext<byte[], Routed> ctx;

    Validate(int maxEventBytes) {
      validator = new Validator(maxEventBytes);
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Routed> context) {
      ctx = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
      long[] stamps = Stamps.read(record.headers());
      Validator.Result result = validator.validate(record.value(), stamps[0], stamps[1]);
      Routed routed = new Routed(result, record.value());
      if (result.reason() != null) {
        Counters.DLQ.incrementAndGet();
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(DLQ_REASON_HEADER, result.reason().getBytes(StandardCharsets.UTF_8));
        ctx.forward(record.withValue(routed).withHeaders(headers));
      } else {
        Counters.VALID.incrementAndGet();
        ctx.forward(record.withValue(routed).withHeaders(new RecordHeaders()).withTimestamp(result.event().eventTimeMs()));
      }
    }
  }
}
