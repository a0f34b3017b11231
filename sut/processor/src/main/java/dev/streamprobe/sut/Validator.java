package dev.streamprobe.sut;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;

/**
 * The event rules (sut/README.md "Validation"; sut/validate.ts applies the same ones in the gateway and the lake).
 * A reason is `<kind>: <detail>` with kind one of oversized, bad_json, missing_field, mistyped_field, invalid_value.
 */
public final class Validator {
  public static final Set<String> TYPES = Set.of("page_view", "click", "add_to_cart", "purchase");
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** a valid event (key = page_id:type) or a reason */
  public record Result(String key, Event event, String reason) {}

  private final int maxBytes;

  public Validator(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  public Result validate(byte[] value, long intendedUs, long sentUs) {
    if (value == null) return invalid("bad_json: empty value");
    if (value.length > maxBytes) return invalid("oversized: " + value.length + " bytes > " + maxBytes);
    JsonNode root;
    try {
      root = JSON.readTree(value);
    } catch (Exception e) {
      return invalid("bad_json: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) return invalid("bad_json: not a JSON object");
    String reason = firstProblem(root);
    if (reason != null) return invalid(reason);
    String type = root.get("type").textValue();
    Event event = new Event(root.get("event_id").textValue(), root.get("user_id").textValue(),
        root.get("amount_cents").longValue(), root.get("event_time_ms").longValue(), intendedUs, sentUs);
    return new Result(root.get("page_id").textValue() + ":" + type, event, null);
  }

  private static String firstProblem(JsonNode root) {
    for (String f : new String[] {"event_id", "type", "user_id", "page_id", "event_time"}) {
      JsonNode n = root.get(f);
      if (n == null) return "missing_field: " + f;
      if (!n.isTextual()) return "mistyped_field: " + f + " must be a string";
    }
    for (String f : new String[] {"event_time_ms", "amount_cents"}) {
      JsonNode n = root.get(f);
      if (n == null) return "missing_field: " + f;
      if (!n.isIntegralNumber() || !n.canConvertToLong()) return "mistyped_field: " + f + " must be an integer";
      if (n.longValue() < 0) return "invalid_value: " + f + " must not be negative";
    }
    if (!TYPES.contains(root.get("type").textValue())) return "invalid_value: type must be one of page_view, click, add_to_cart, purchase";
    return null;
  }

  private static Result invalid(String reason) {
    return new Result(null, null, reason);
  }

  private static String firstLine(String s) {
    if (s == null) return "unparsable";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
