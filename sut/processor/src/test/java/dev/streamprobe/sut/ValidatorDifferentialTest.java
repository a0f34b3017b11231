package dev.streamprobe.sut;

import static dev.streamprobe.sut.EventSamples.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** validate (fast path first) and validateWithJackson (the reference) give the same Result for every input. */
class ValidatorDifferentialTest {
  private static final int MAX_BYTES = 16_384;
  private static final Validator VALIDATOR = new Validator(MAX_BYTES);
  private static final int MUTANTS = 100_000;
  /** bytes that make mutants interesting to a JSON scanner, besides random ones */
  private static final byte[] ALPHABET = bytes("{}[]\":,\\ \t\n\r0123456789-+.eEtrufalsnux/#'");

  @Test
  void generatedEventsAndTheirMalformedKinds() {
    EventSamples samples = new EventSamples(1);
    List<byte[]> corpus = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) corpus.add(samples.valid());
    for (byte[] valid : corpus) assertNotNull(FlatEventScanner.scan(valid, 1, 2), () -> "the fast path should take " + show(valid));
    for (int i = 0; i < 2_000; i++) corpus.addAll(samples.malformed());
    assertSame(corpus);
  }

  @Test
  void recordsOfTheRealGenerator() throws IOException {
    String file = System.getProperty("streamprobe.eventsCorpus");
    assumeTrue(file != null, "streamprobe.eventsCorpus not set (test/integration/sut/processor-unit.test.ts sets it)");
    List<byte[]> corpus = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(file), StandardCharsets.US_ASCII)) corpus.add(bytes(line));
    assertFalse(corpus.isEmpty(), file + " holds no records");
    long fast = corpus.stream().filter(b -> b.length <= MAX_BYTES && FlatEventScanner.scan(b, 1, 2) != null).count();
    long valid = corpus.stream().filter(b -> VALIDATOR.validateWithJackson(b, 1, 2).reason() == null).count();
    assertEquals(valid, fast, "the fast path should take every valid record of lib/events");
    assertSame(corpus);
  }

  @Test
  void handWrittenEdgeCases() {
    Map<String, String> f = new EventSamples(2).fields();
    f.put("type", "\"click\"");
    f.put("product_id", "null");
    f.put("amount_cents", "0");
    String v = EventSamples.render(f);
    List<String> cases = new ArrayList<>(List.of(v, "", " ", "{}", "[]", "null", "true", "1", "\"s\"", "{", "}", "{\"a\":1}", v + v));
    // escapes, in read and unread fields and names, valid and not
    for (String[] r : new String[][] {
        {"\"click\"", "\"cl\\u0069ck\""}, {"\"click\"", "\"click\\n\""}, {"\"click\"", "\"cl\\ick\""}, {"\"click\"", "\"click\\u00\""},
        {"\"event_id\":\"", "\"event_id\":\"\\\"q\\\\"}, {"\"event_id\":\"", "\"event_id\":\"\\/"}, {"\"user_id\":\"", "\"user_id\":\"\\ud83d\\ude00"},
        {"\"page_id\":\"", "\"page_id\":\"\\ud800"}, {"\"device\":\"", "\"device\":\"\\t"}, {"\"device\":\"", "\"device\":\"\\x"},
        {"\"type\":", "\"typ\\u0065\":"}, {"\"v\":", "\"\\u0076\":"}, {"\"event_time\":\"", "\"event_time\":\"\\\\"},
    }) cases.add(v.replace(r[0], r[1]));
    // unicode: raw UTF-8, invalid UTF-8, a BOM, other encodings Jackson detects, control characters and DEL in strings
    for (String[] r : new String[][] {
        {"\"user_id\":\"", "\"user_id\":\"ü"}, {"\"page_id\":\"", "\"page_id\":\"日本"}, {"\"device\":\"", "\"device\":\"😀"},
        {"\"user_id\":\"", "\"user_id\":\"\u0001"}, {"\"user_id\":\"", "\"user_id\":\"\t"}, {"\"device\":\"", "\"device\":\"\u001f"},
        {"\"event_id\":\"", "\"event_id\":\"\u007f"}, {"\"device\":\"", "\"device\":\"\u0000"}, {"\"ty", "\"\u00e9ty"},
    }) cases.add(v.replace(r[0], r[1]));
    // nested values of read and unread fields
    for (String[] r : new String[][] {
        {"\"click\"", "[\"click\"]"}, {"\"click\"", "{\"click\":1}"}, {"\"product_id\":null", "\"product_id\":{\"a\":[1,{}]}"},
        {"\"product_id\":null", "\"product_id\":[]"}, {"\"amount_cents\":0", "\"amount_cents\":[0]"}, {"\"v\":1", "\"v\":{\"type\":\"x\"}"},
        {"\"v\":1", "\"v\":[[[[1]]]]"}, {"\"v\":1", "\"v\":{"}, {"\"v\":1", "\"v\":[1,]"}, {"\"event_id\":", "\"event_id\":{},\"x\":"},
    }) cases.add(v.replace(r[0], r[1]));
    // numbers in read and unread fields
    for (String n : new String[] {
        "1.0", "1e3", "1E3", "1e+3", "1e-3", "-0", "-1", "0", "00", "01", "-01", "1.", ".5", "+1", "-", "1e", "1e+", "0x10", "NaN", "Infinity",
        "-Infinity", "123456789012345678", "1234567890123456789", "9223372036854775807", "9223372036854775808", "99999999999999999999999",
        "-9223372036854775808", "-9223372036854775809", "1" + "0".repeat(64), "1" + "0".repeat(1_000), "0.5e-10", "1.5E+300", "-0.0", "1_000",
    }) {
      cases.add(v.replace("\"amount_cents\":0", "\"amount_cents\":" + n));
      cases.add(v.replaceFirst("\"event_time_ms\":\\d+", "\"event_time_ms\":" + n));
      cases.add(v.replace("\"v\":1", "\"v\":" + n));
    }
    // whitespace
    String pretty = v.replace("{", "{\n  ").replace(",", " ,\r\n\t").replace(":", " : ").replace("}", "\n}");
    cases.addAll(List.of(pretty, " \t\r\n" + v + " \t\r\n", v.replace(":", ": "), v.replace(",", "\u000b,"), v.replace(",", "\u000c,"),
        "\u00a0" + v, v.replace(",", "\u00a0,"), "\u0000" + v, v + "\u0000", "\ufeff" + v));
    // trailing data, comments and other non-JSON
    for (String t : new String[] {"x", "{}", ",", " 1", "}", "]", "\"", "/* c */", "// c", "# c", "\n\n", " null"}) cases.add(v + t);
    cases.addAll(List.of(v.replace("{", "{/* c */"), v.replace(",", ",# c\n"), v.replace("\"type\"", "type"), v.replace("\"click\"", "'click'"),
        v.replace(",\"v\"", ",,\"v\""), v.replace("}", ",}"), v.replace("{", "{,"), v.replace(",\"v\"", "\"v\""), v.replace("\":", "\""),
        v.replace("\"type\":", "\"type\"::"), "[" + v + "]"));
    // duplicate keys, read and unread
    for (String d : new String[] {
        "\"type\":\"click\"", "\"type\":\"purchase\"", "\"type\":1", "\"type\":\"nope\"", "\"amount_cents\":5", "\"amount_cents\":-5",
        "\"amount_cents\":\"5\"", "\"event_time_ms\":7", "\"user_id\":\"u2\"", "\"page_id\":null", "\"v\":2", "\"device\":\"tv\"",
    }) {
      cases.add(v.replace("}", "," + d + "}"));
      cases.add(v.replace("{", "{" + d + ","));
    }
    // nulls, booleans, literals, types, empty strings
    for (String[] r : new String[][] {
        {"\"click\"", "null"}, {"\"click\"", "true"}, {"\"click\"", "false"}, {"\"amount_cents\":0", "\"amount_cents\":null"},
        {"\"amount_cents\":0", "\"amount_cents\":true"}, {"\"v\":1", "\"v\":false"}, {"\"v\":1", "\"v\":true"}, {"\"v\":1", "\"v\":tru"},
        {"\"v\":1", "\"v\":truex"}, {"\"v\":1", "\"v\":nul"}, {"\"v\":1", "\"v\":nulll"}, {"\"v\":1", "\"v\":False"}, {"\"v\":1", "\"v\":undefined"},
        {"\"click\"", "\"Click\""}, {"\"click\"", "\"click \""}, {"\"click\"", "\"\""}, {"\"click\"", "\"page_view\""}, {"\"click\"", "\"add_to_cart\""},
        {"\"event_id\":\"", "\"event_id\":\"\",\"x\":\""}, {"\"page_id\":\"", "\"page_id\":\"\",\"y\":\""}, {"\"v\":1", "\"\":1"},
    }) cases.add(v.replace(r[0], r[1]));
    // another field order, padding below and above the limit
    cases.add(EventSamples.render(reversed(f)));
    cases.add(EventSamples.padded(v, MAX_BYTES));
    cases.add(EventSamples.padded(v, MAX_BYTES + 1));
    // every truncation
    for (int i = 0; i < v.length(); i++) cases.add(v.substring(0, i));

    List<byte[]> corpus = new ArrayList<>(cases.stream().map(EventSamples::bytes).toList());
    corpus.add(v.getBytes(StandardCharsets.UTF_16BE));
    corpus.add(v.getBytes(StandardCharsets.UTF_16LE));
    corpus.add(v.getBytes(StandardCharsets.UTF_16));
    corpus.add(v.getBytes(StandardCharsets.ISO_8859_1)); // ASCII as is
    corpus.add(v.replace("\"user_id\":\"", "\"user_id\":\"ü").getBytes(StandardCharsets.ISO_8859_1)); // a lone 0xFC
    corpus.add(null);
    assertSame(corpus);
  }

  @Test
  void seededMutationsOfValidEvents() {
    EventSamples samples = new EventSamples(3);
    List<byte[]> bases = new ArrayList<>();
    for (int i = 0; i < 500; i++) bases.add(samples.valid());
    Random rnd = new Random(42);
    List<byte[]> mutants = new ArrayList<>(MUTANTS);
    for (int i = 0; i < MUTANTS; i++) {
      byte[] b = bases.get(rnd.nextInt(bases.size()));
      for (int m = 1 + rnd.nextInt(3); m > 0; m--) b = mutate(b, rnd);
      mutants.add(b);
    }
    long fast = mutants.stream().filter(b -> b.length > 0 && FlatEventScanner.scan(b, 1, 2) != null).count();
    assertTrue(fast > MUTANTS / 20, "the fast path took only " + fast + " mutants: the mutations hardly reach it");
    assertSame(mutants);
  }

  private static byte[] mutate(byte[] b, Random rnd) {
    int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
    byte c = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : ALPHABET[rnd.nextInt(ALPHABET.length)];
    switch (rnd.nextInt(5)) {
      case 0: // replace a byte
        if (b.length == 0) return b;
        byte[] r = b.clone();
        r[at] = c;
        return r;
      case 1: { // insert a byte
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = c;
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
      }
      case 2: { // delete a run of bytes
        int len = Math.min(b.length - at, 1 + rnd.nextInt(4));
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + len, out, at, b.length - at - len);
        return out;
      }
      case 3: { // repeat a run of bytes (a field, a quote, a comma)
        int len = Math.min(b.length - at, 1 + rnd.nextInt(40));
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, at + len);
        System.arraycopy(b, at, out, at + len, b.length - at);
        return out;
      }
      default: // truncate
        return Arrays.copyOf(b, at);
    }
  }

  private static Map<String, String> reversed(Map<String, String> f) {
    Map<String, String> r = new java.util.LinkedHashMap<>();
    List<String> keys = new ArrayList<>(f.keySet());
    for (int i = keys.size() - 1; i >= 0; i--) r.put(keys.get(i), f.get(keys.get(i)));
    return r;
  }

  private static void assertSame(List<byte[]> corpus) {
    for (byte[] b : corpus) {
      Validator.Result expected = VALIDATOR.validateWithJackson(b, 11, 22);
      assertEquals(expected, VALIDATOR.validate(b, 11, 22), () -> "fast path and Jackson differ on " + show(b));
    }
  }

  static String show(byte[] b) {
    if (b == null) return "null";
    StringBuilder s = new StringBuilder();
    for (byte x : b) s.append(x >= 0x20 && x < 0x7f ? String.valueOf((char) x) : String.format("\\x%02x", x & 0xff));
    return s.toString();
  }
}
