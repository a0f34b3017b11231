package dev.streamprobe.sut;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Tumbling event-time windows with a grace period, emitted once when they close (sut/README.md "Window semantics").
 * Open windows hold an aggregate and their users, exact (OpenWindows: chunks of users, not an entry per user). A window
 * [s, s+size) closes when the task's stream time reaches s+size+grace. Late records are dropped upstream, by
 * PreAggregator, against their own partition; a partial that still finds its window closed here (its partition had
 * been left out as idle, or the wall clock closed the window) is dropped and counted as late too. Stream time is a
 * watermark: the smallest, over the events partitions, of the largest event time that partition's
 * PreAggregator has reported — so a stalled upstream (a crashed instance) holds windows open instead of making its records
 * late. A partition that has reported nothing to this task for idle-close ms stops holding it (one that gets no traffic
 * at all would otherwise keep every window open for as long as the others do). The wall clock stands in once the task
 * has had open windows and no record for idle-close ms, or at a flush.
 */
public final class WindowAggregator implements Processor<String, Partial, String, String> {
  public static final String OPEN = "sp-open";
  public static final String USERS = "sp-users";
  public static final String FINAL = "sp-final";
  public static final String META = "sp-meta";
  /** cached, unlogged: the marker of {@link #hook} */
  public static final String OPEN_PENDING = "sp-open-pending";
  private static final String STREAM_TIME = "stream-time";
  private static final String WATERMARK = "partition-max-";

  /** wall-clock time of the last POST /v1/flush on this instance (0: none); every task applies it at its next tick */
  public static final AtomicLong FLUSH_AT_MS = new AtomicLong();

  private final Config cfg;
  private final Faults faults;
  private final RedisSink redis;
  private ProcessorContext<String, String> ctx;
  private KeyValueStore<Bytes, byte[]> open;
  private OpenWindows windows;
  /** writes the windows the partials changed to OPEN once per commit, in that commit (OPEN is uncached, so at once) */
  private CommitHook hook;
  private WindowStore<String, String> finals;
  private KeyValueStore<String, Long> meta;
  private long streamTime;
  /** per events partition: the largest event time seen from it (Long.MIN_VALUE: none yet) */
  private long[] partitionMax;
  /** per events partition: wall-clock time of its last record here (at first: when the task started) */
  private long[] partitionSeenWallMs;
  private long lowestOpenStart;
  private long lastRecordWallMs;
  /**
   * The crash fault: set after N records; the next window close of any task of this instance forwards its results, waits
   * until they are in the output topic, and halts before a store records the close. Under at_least_once the uncached stores
   * (sp-meta, sp-final, sp-open, the sealed chunks of sp-users) send each change to their changelog at once, ahead of the input offsets: had the close
   * recorded its stream time, the instance taking over would restore it and drop the replayed records as late instead
   * of emitting their windows again. So the survivor restores the windows open, replays and emits them a second time
   * (duplicates in the aggregates topic); under exactly_once_v2 the first emission is in an aborted transaction.
   */
  private static volatile boolean crashArmed;

  public WindowAggregator(Config cfg, Faults faults, RedisSink redis) {
    this.cfg = cfg;
    this.faults = faults;
    this.redis = redis;
  }

  @Override
  public void init(ProcessorContext<String, String> context) {
    ctx = context;
    open = context.getStateStore(OPEN);
    windows = new OpenWindows(open, context.getStateStore(USERS));
    hook = new CommitHook(context.getStateStore(OPEN_PENDING), windows::write);
    finals = context.getStateStore(FINAL);
    meta = context.getStateStore(META);
    Long saved = meta.get(STREAM_TIME);
    streamTime = saved == null ? Long.MIN_VALUE : saved;
    partitionMax = new long[cfg.eventsPartitions];
    for (int p = 0; p < partitionMax.length; p++) {
      Long wm = meta.get(WATERMARK + p);
      partitionMax[p] = wm == null ? Long.MIN_VALUE : wm;
    }
    lowestOpenStart = lowestOpenStart();
    lastRecordWallMs = System.currentTimeMillis();
    partitionSeenWallMs = new long[partitionMax.length];
    java.util.Arrays.fill(partitionSeenWallMs, lastRecordWallMs);
    context.schedule(Duration.ofMillis(50), PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  /** a partial (PreAggregator) of one window and key, or an events partition's watermark */
  @Override
  public void process(Record<String, Partial> record) {
    lastRecordWallMs = System.currentTimeMillis();
    Partial partial = record.value();
    if (partial.watermark) {
      long aggregated = Counters.AGGREGATED.addAndGet(partial.records);
      if (faults.crashAfter > 0 && aggregated >= faults.crashAfter) crashArmed = true;
      observe(partial.sourcePartition, partial.time);
    } else if (partial.count > 0) {
      long start = partial.time;
      if (start + cfg.windowMs + cfg.graceMs <= streamTime) {
        Counters.LATE_DROPPED.addAndGet(partial.count);
      } else {
        windows.add(start, record.key(), partial);
        hook.mark();
        lowestOpenStart = Math.min(lowestOpenStart, start);
      }
    }
  }

  /** partition p has got to event time ts */
  private void observe(int p, long ts) {
    if (p >= partitionMax.length) {
      partitionSeenWallMs = grow(partitionSeenWallMs, p + 1, lastRecordWallMs);
      partitionMax = grow(partitionMax, p + 1, Long.MIN_VALUE);
    }
    partitionSeenWallMs[p] = lastRecordWallMs;
    if (ts > partitionMax[p]) {
      partitionMax[p] = ts;
      advanceWatermark(lastRecordWallMs);
    }
  }

  /** stream time = the smallest largest-event-time of the partitions that sent a record within idle-close */
  private void advanceWatermark(long wallMs) {
    long watermark = Long.MAX_VALUE;
    for (int q = 0; q < partitionMax.length; q++) {
      if (wallMs - partitionSeenWallMs[q] < cfg.idleCloseMs) watermark = Math.min(watermark, partitionMax[q]);
    }
    if (watermark != Long.MAX_VALUE && watermark > streamTime) advanceTo(watermark);
  }

  private static long[] grow(long[] a, int length, long fill) {
    long[] b = java.util.Arrays.copyOf(a, length);
    java.util.Arrays.fill(b, a.length, length, fill);
    return b;
  }

  private void tick(long wallMs) {
    advanceWatermark(wallMs); // a partition may have gone idle since the last record
    // an idle task, or a flush, closes windows as if a record with the wall-clock time had arrived
    long closeAt = wallMs - lastRecordWallMs >= cfg.idleCloseMs ? wallMs : FLUSH_AT_MS.get();
    if (lowestOpenStart != Long.MAX_VALUE && closeAt > streamTime) advanceTo(closeAt);
  }

  private void advanceTo(long time) {
    streamTime = time;
    long maxStart = time - cfg.windowMs - cfg.graceMs;
    if (maxStart >= lowestOpenStart) close(maxStart);
  }

  /** emits and forgets every open window starting at or before maxStart */
  private void close(long maxStart) {
    windows.write(); // the range below must see every partial taken
    List<KeyValue<Bytes, byte[]>> closing = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = open.range(StoreKeys.window(0, ""), StoreKeys.upToStart(maxStart))) {
      while (it.hasNext()) closing.add(it.next());
    }
    List<RedisSink.Window> emitted = new ArrayList<>(closing.size());
    Faults.CrashWatch crash = crashArmed && !closing.isEmpty() ? new Faults.CrashWatch(cfg.brokers, cfg.aggregatesTopic) : null;
    for (KeyValue<Bytes, byte[]> kv : closing) {
      long start = StoreKeys.start(kv.key);
      String key = StoreKeys.key(kv.key);
      Aggregate agg = Aggregate.fromBytes(kv.value);
      if (key.equals(faults.miscountKey)) agg.count++;
      String json = agg.toJson(key, start, cfg.windowMs, true);
      ctx.forward(new Record<>(key, json, start + cfg.windowMs));
      emitted.add(new RedisSink.Window(key, start, agg.count, json));
      if (crash != null) continue; // the crash fault: no store of this task may record the close (see crashArmed)
      finals.put(key, json, start);
      windows.remove(kv.key, kv.value);
    }
    if (crash != null) crash.haltOnceReadable(emitted.stream().map(RedisSink.Window::json).toList());
    meta.put(STREAM_TIME, streamTime);
    for (int p = 0; p < partitionMax.length; p++) meta.put(WATERMARK + p, partitionMax[p]);
    // commit once this record is done rather than at the next commit interval: under exactly_once_v2 the results
    // become visible to read_committed readers only then (saves up to commit.interval.ms of result latency)
    if (!closing.isEmpty()) ctx.commit();
    lowestOpenStart = lowestOpenStart();
    Counters.WINDOWS_EMITTED.addAndGet(emitted.size());
    redis.write(emitted);
  }

  private long lowestOpenStart() {
    try (KeyValueIterator<Bytes, byte[]> it = open.all()) {
      return it.hasNext() ? StoreKeys.start(it.next().key) : Long.MAX_VALUE;
    }
  }
}
