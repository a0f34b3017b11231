package dev.streamprobe.sut;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Set;

/**
 * The event rules (sut/README.md "Validation"; sut/validate.ts applies the same ones in the gateway and the lake).
 * A reason is `<kind>: <detail>` with kind one of oversized, bad_json, missing_field, mistyped_field, invalid_value.
 * One streaming pass over the JSON (no tree): only the fields the rules and the aggregation need are kept. Valid events
 * of the common flat shape are recognised by FlatEventScanner without Jackson; everything else is parsed here.
 */
public final class Validator {
  public static final Set<String> TYPES = Set.of("page_view", "click", "add_to_cart", "purchase");
  private static final JsonFactory JSON = new JsonFactory();
  /** checked in this order; the first five must be strings, the last two integers */
  static final String[] FIELDS = {"event_id", "type", "user_id", "page_id", "event_time", "event_time_ms", "amount_cents"};
  static final int STRING_FIELDS = 5;
  private static final int ABSENT = 0;
  private static final int PRESENT = 1;
  private static final int MISTYPED = 2;

  /** a valid event (key = page_id:type) or a reason */
  public record Result(String key, Event event, String reason) {}

  private final int maxBytes;

  public Validator(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  public Result validate(byte[] value, long intendedUs, long sentUs) {
    Result result = checkSize(value);
    if (result == null) result = FlatEventScanner.scan(value, intendedUs, sentUs);
    return result != null ? result : parse(value, intendedUs, sentUs);
  }

  /** validate without the fast path: the reference FlatEventScanner is tested against */
  Result validateWithJackson(byte[] value, long intendedUs, long sentUs) {
    Result result = checkSize(value);
    return result != null ? result : parse(value, intendedUs, sentUs);
  }

  /** the reason of an empty or oversized value, or null */
  private Result checkSize(byte[] value) {
    if (value == null || value.length == 0) return invalid("bad_json: empty value");
    if (value.length > maxBytes) return invalid("oversized: " + value.length + " bytes > " + maxBytes);
    return null;
  }

  private static Result parse(byte[] value, long intendedUs, long sentUs) {
    int[] state = new int[FIELDS.length];
    String[] text = new String[STRING_FIELDS];
    long[] number = new long[FIELDS.length];
    try (JsonParser p = JSON.createParser(value)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return invalid("bad_json: not a JSON object");
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        int f = fieldIndex(p.currentName());
        JsonToken v = p.nextToken();
        if (f < 0) {
          p.skipChildren();
        } else if (f < STRING_FIELDS) {
          state[f] = v == JsonToken.VALUE_STRING ? PRESENT : MISTYPED;
          if (v == JsonToken.VALUE_STRING) text[f] = p.getText();
          else p.skipChildren();
        } else {
          boolean integer = v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
          state[f] = integer ? PRESENT : MISTYPED;
          if (integer) number[f] = p.getLongValue();
          else p.skipChildren();
        }
      }
      if (p.nextToken() != null) return invalid("bad_json: trailing data after the object");
    } catch (IOException e) {
      return invalid("bad_json: " + firstLine(e.getMessage()));
    }
    for (int f = 0; f < FIELDS.length; f++) {
      if (state[f] == ABSENT) return invalid("missing_field: " + FIELDS[f]);
      if (state[f] == MISTYPED) return invalid("mistyped_field: " + FIELDS[f] + (f < STRING_FIELDS ? " must be a string" : " must be an integer"));
    }
    for (int f = STRING_FIELDS; f < FIELDS.length; f++) {
      if (number[f] < 0) return invalid("invalid_value: " + FIELDS[f] + " must not be negative");
    }
    if (!TYPES.contains(text[1])) return invalid("invalid_value: type must be one of page_view, click, add_to_cart, purchase");
    Event event = new Event(text[0], text[2], number[6], number[5], intendedUs, sentUs);
    return new Result(text[3] + ":" + text[1], event, null);
  }

  private static int fieldIndex(String name) {
    for (int i = 0; i < FIELDS.length; i++) if (FIELDS[i].equals(name)) return i;
    return -1;
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
