package dev.streamprobe.sut;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Records in the shape lib/events.ts writes them (field order, types, the null product id of unpriced events), valid
 * and of its malformed kinds, from a seed. test/integration/sut/processor-unit.test.ts adds records of the real
 * generator (system property streamprobe.eventsCorpus).
 */
final class EventSamples {
  private static final String[] TYPES = {"page_view", "click", "add_to_cart", "purchase"};
  private static final String[][] GEO = {{"USD", "US"}, {"EUR", "DE"}, {"GBP", "GB"}, {"JPY", "JP"}, {"CAD", "CA"}};
  private static final String[] DEVICES = {"mobile", "desktop", "tablet"};
  private static final String[] REQUIRED = {"event_id", "type", "user_id", "event_time", "event_time_ms"};
  private static final long SESSION_MS = 30 * 60 * 1000;

  private final Random rnd;
  private long nextId = 1;

  EventSamples(long seed) {
    rnd = new Random(seed);
  }

  /** a valid event's fields in lib/events' order, each with its JSON value as written */
  Map<String, String> fields() {
    String type = TYPES[rnd.nextInt(TYPES.length)];
    boolean priced = type.equals("add_to_cart") || type.equals("purchase");
    String user = "u" + rnd.nextInt(100_000);
    long ms = 1_796_068_145_000L + rnd.nextInt(86_400_000);
    String[] geo = GEO[rnd.nextInt(GEO.length)];
    Map<String, String> f = new LinkedHashMap<>();
    f.put("event_id", quote("e" + rnd.nextInt(4) + "-" + nextId++));
    f.put("type", quote(type));
    f.put("user_id", quote(user));
    f.put("session_id", quote(user + "." + Long.toString(ms / SESSION_MS, 36)));
    f.put("page_id", quote("pg" + rnd.nextInt(200)));
    f.put("product_id", priced ? quote("pr" + rnd.nextInt(5000)) : "null");
    f.put("amount_cents", priced ? Long.toString(199 + rnd.nextInt(20_000) * (1 + rnd.nextInt(3))) : "0");
    f.put("currency", quote(geo[0]));
    f.put("country", quote(geo[1]));
    f.put("device", quote(DEVICES[rnd.nextInt(DEVICES.length)]));
    f.put("event_time", quote(Instant.ofEpochMilli(ms).toString()));
    f.put("event_time_ms", Long.toString(ms));
    f.put("v", "1");
    return f;
  }

  byte[] valid() {
    return bytes(render(fields()));
  }

  /** one record of each of lib/events' malformed kinds: bad_json, missing_field, mistyped_field, oversized */
  List<byte[]> malformed() {
    List<byte[]> out = new ArrayList<>();
    String body = render(fields());
    out.add(bytes(body.substring(0, 1 + rnd.nextInt(body.length() - 2))));
    Map<String, String> missing = fields();
    missing.remove(REQUIRED[rnd.nextInt(REQUIRED.length)]);
    out.add(bytes(render(missing)));
    Map<String, String> mistyped = fields();
    switch (rnd.nextInt(4)) {
      case 0 -> mistyped.put("amount_cents", quote(Long.parseLong(mistyped.get("amount_cents")) / 100.0 + " " + unquote(mistyped.get("currency"))));
      case 1 -> mistyped.put("event_time_ms", mistyped.get("event_time"));
      case 2 -> mistyped.put("user_id", unquote(mistyped.get("user_id")).substring(1));
      default -> mistyped.put("event_time", mistyped.get("event_time_ms"));
    }
    out.add(bytes(render(mistyped)));
    out.add(bytes(padded(render(fields()), 65_536)));
    return out;
  }

  /** `body` less its closing brace, then ,"padding":"xxx…"} up to `size` bytes, as lib/events makes oversized records */
  static String padded(String body, int size) {
    return body.substring(0, body.length() - 1) + ",\"padding\":\"" + "x".repeat(Math.max(0, size - body.length() - 13)) + "\"}";
  }

  static String render(Map<String, String> fields) {
    StringBuilder s = new StringBuilder("{");
    fields.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append(quote(k)).append(':').append(v));
    return s.append('}').toString();
  }

  static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static String unquote(String s) {
    return s.substring(1, s.length() - 1);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
