package dev.streamprobe.sut;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Pre-aggregation before the repartition hop, in each events task: the valid events taken since the last commit become
 * one {@link Partial} per (window, key), so the repartition topic carries about one record per (window, key) per
 * commit instead of one per event. The partials live in memory and are forwarded just before every commit, by a
 * {@link CommitHook} on the {@link #BATCH} store (the DSL's KTable caching forwards at the same point) — the partials
 * are in the same transaction as the input offsets, and a crash loses nothing the offsets claim.
 *
 * After the partials, a watermark (the largest event time taken from this partition) goes to every window task.
 *
 * Lateness is decided here, by this partition alone: a record is dropped as late when a valid record before it in its
 * partition has an event time at or past its window's end + grace (sut/README.md "Window semantics"). The window stage
 * closes a window only once every (non-idle) partition's watermark has passed that point, so a record that is not late
 * here always finds its window open; deciding it there instead would depend on how far the other partitions' tasks
 * had got, which is timing (a task minutes behind another made records counted that a live run drops). The largest
 * event time is kept in {@link #PROGRESS}, written inside each commit, so a restarted task judges as before.
 * Fault switches are applied here, to valid records, before that judgement (a held-back record is judged when released).
 */
final class PreAggregator implements Processor<byte[], PipelineTopology.Routed, String, Partial> {
  static final String BATCH = "sp-batch";
  /** logged: this partition's largest event time as of the last commit */
  static final String PROGRESS = "sp-progress";
  private static final String PARTITION_MAX = "partition-max";

  private record Delayed(long dueWallMs, Event event, String key) {}

  private final Config cfg;
  private final Faults faults;
  private InternalProcessorContext<String, Partial> ctx;
  private ProcessorNode<?, ?, ?, ?> self;
  private CommitHook hook;
  private KeyValueStore<String, Long> progress;
  private final Map<WindowKey, Partial> partials = new LinkedHashMap<>();
  private final ArrayDeque<Delayed> delayed = new ArrayDeque<>();
  /** this task's events partition */
  private int partition;
  /** per window task: records taken since the last watermark whose key it owns (its records_aggregated) */
  private long[] records;
  private boolean anyRecords;
  private final Map<String, Integer> taskOfKey = new HashMap<>();
  private long partitionMax;
  private long sentMax;

  PreAggregator(Config cfg, Faults faults) {
    this.cfg = cfg;
    this.faults = faults;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void init(ProcessorContext<String, Partial> context) {
    ctx = (InternalProcessorContext<String, Partial>) context;
    self = ctx.currentNode();
    partition = context.taskId().partition();
    hook = new CommitHook(context.getStateStore(BATCH), this::forwardAtCommit);
    progress = context.getStateStore(PROGRESS);
    // a revived task starts from its last commit: whatever was pending belongs to an aborted attempt
    partials.clear();
    delayed.clear();
    records = new long[cfg.eventsPartitions];
    anyRecords = false;
    Long saved = progress.get(PARTITION_MAX);
    partitionMax = saved == null ? Long.MIN_VALUE : saved;
    sentMax = Long.MIN_VALUE;
    context.schedule(Duration.ofMillis(50), PunctuationType.WALL_CLOCK_TIME, this::releaseDelayed);
  }

  @Override
  public void process(Record<byte[], PipelineTopology.Routed> record) {
    Event e = record.value().result().event();
    String key = record.value().result().key();
    records[taskOf(key)]++;
    anyRecords = true;
    String id = e.eventId();
    if (faults.drop > 0 && faults.draw(1, id) < faults.drop) {
      Counters.FAULTS_APPLIED.incrementAndGet();
    } else if (faults.delay > 0 && faults.draw(3, id) < faults.delay) {
      Counters.FAULTS_APPLIED.incrementAndGet();
      delayed.add(new Delayed(System.currentTimeMillis() + faults.delayMs, e, key));
    } else {
      add(e, key);
      if (faults.duplicate > 0 && faults.draw(2, id) < faults.duplicate) {
        Counters.FAULTS_APPLIED.incrementAndGet();
        add(e, key);
      }
    }
    hook.mark();
  }

  private void releaseDelayed(long wallMs) {
    while (!delayed.isEmpty() && delayed.peek().dueWallMs() <= wallMs) {
      Delayed d = delayed.poll();
      add(d.event(), d.key());
      hook.mark();
    }
  }

  /** takes a record into its partial unless it is late for this partition (a held-back record: when released) */
  private void add(Event e, String key) {
    long start = Math.floorDiv(e.eventTimeMs() - faults.skewMs, cfg.windowMs) * cfg.windowMs + faults.skewMs;
    if (start + cfg.windowMs + cfg.graceMs <= partitionMax) {
      Counters.LATE_DROPPED.incrementAndGet();
      return;
    }
    partials.computeIfAbsent(new WindowKey(start, key), k -> Partial.window(partition, start, taskOf(key))).add(e);
    partitionMax = Math.max(partitionMax, e.eventTimeMs());
  }

  /** the repartition partition of a key: Kafka's default partitioner (murmur2 of the UTF-8 key) */
  private int taskOf(String key) {
    if (taskOfKey.size() > 100_000) taskOfKey.clear(); // a memo, bounded whatever the keys
    return taskOfKey.computeIfAbsent(key, k -> Utils.toPositive(Utils.murmur2(k.getBytes(StandardCharsets.UTF_8))) % cfg.eventsPartitions);
  }

  /** the flush listener runs outside this node's process(): forward as this node, as the DSL's caching does */
  private void forwardAtCommit() {
    ProcessorNode<?, ?, ?, ?> previous = ctx.currentNode();
    ctx.setCurrentNode(self);
    try {
      forwardBatch();
    } finally {
      ctx.setCurrentNode(previous);
    }
  }

  private void forwardBatch() {
    for (Map.Entry<WindowKey, Partial> p : partials.entrySet()) {
      ctx.forward(new Record<>(p.getKey().key(), p.getValue(), Math.max(0, p.getKey().start())));
    }
    partials.clear();
    if (!anyRecords && sentMax >= partitionMax) return;
    // one copy per window task, behind the partials it sent there: when a task counts these records, it has them
    for (int task = 0; task < cfg.eventsPartitions; task++) {
      Partial wm = Partial.watermark(partition, partitionMax, task);
      wm.records = records[task];
      records[task] = 0;
      ctx.forward(new Record<>("", wm, Math.max(0, partitionMax))); // the DSL's repartition drops null keys
    }
    anyRecords = false;
    if (partitionMax > sentMax) progress.put(PARTITION_MAX, partitionMax);
    sentMax = partitionMax;
  }
}
