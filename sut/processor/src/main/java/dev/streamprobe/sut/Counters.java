package dev.streamprobe.sut;

import java.util.concurrent.atomic.AtomicLong;

/** Per-instance counters shown by /health (in memory: they restart at 0 and are not exactly-once). */
public final class Counters {
  private Counters() {}

  public static final AtomicLong VALID = new AtomicLong();
  public static final AtomicLong DLQ = new AtomicLong();
  public static final AtomicLong LATE_DROPPED = new AtomicLong();
  public static final AtomicLong WINDOWS_EMITTED = new AtomicLong();
  public static final AtomicLong REDIS_ERRORS = new AtomicLong();
  public static final AtomicLong FAULTS_APPLIED = new AtomicLong();
  /** valid records that reached the window aggregator (after the repartition hop), faults not yet applied */
  public static final AtomicLong AGGREGATED = new AtomicLong();
}
