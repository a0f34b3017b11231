package dev.streamprobe.sut;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Validator.validate (fast path first) against validateWithJackson on lib/events-shaped records, all valid and 30 %
 * malformed (lib/events' kinds): the median over rounds of thread CPU µs per validation. Not a test (surefire runs
 * *Test classes): bench/sut/validator.ts runs it.
 */
final class ValidatorBench {
  private static final int RECORDS = 10_000;
  private static final int WARMUP_ROUNDS = 30;

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    EventSamples samples = new EventSamples(1);
    Random rnd = new Random(5);
    byte[][] valid = new byte[RECORDS][];
    byte[][] mixed = new byte[RECORDS][];
    for (int i = 0; i < RECORDS; i++) {
      valid[i] = samples.valid();
      List<byte[]> malformed = samples.malformed();
      mixed[i] = rnd.nextInt(10) < 3 ? malformed.get(rnd.nextInt(malformed.size())) : valid[i];
    }
    Validator v = new Validator(16_384);
    byte[][][] corpora = {valid, mixed};
    String[] names = {"valid", "30% malformed"};
    // rounds interleave the four (records, path) pairs, so a busy machine slows each alike
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[][] us = new double[4][rounds];
    int acc = 0;
    for (int r = 0; r < WARMUP_ROUNDS + rounds; r++) {
      for (int pair = 0; pair < 4; pair++) {
        byte[][] corpus = corpora[pair / 2];
        boolean fast = pair % 2 == 0;
        long t0 = mx.getCurrentThreadCpuTime();
        for (byte[] b : corpus) acc += sink(fast ? v.validate(b, 1, 2) : v.validateWithJackson(b, 1, 2));
        if (r >= WARMUP_ROUNDS) us[pair][r - WARMUP_ROUNDS] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / corpus.length;
      }
    }
    if (acc == 42) System.out.print(""); // keeps the results alive
    for (int c = 0; c < 2; c++) {
      System.out.printf("{\"records\":\"%s\",\"fast_path_us\":%.3f,\"jackson_us\":%.3f,\"rounds\":%d}%n",
          names[c], median(us[2 * c]), median(us[2 * c + 1]), rounds);
    }
  }

  private static double median(double[] xs) {
    double[] sorted = xs.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static int sink(Validator.Result r) {
    return r.reason() != null ? r.reason().length() : r.key().length() + r.event().eventId().length();
  }
}
