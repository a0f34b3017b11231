package dev.streamprobe.sut;

import java.nio.charset.StandardCharsets;

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
