package dev.streamprobe.sut;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Validator's fast path for the records lib/events writes: one flat JSON object of ASCII strings without escapes,
 * integers, true, false and null. Hand-written because Jackson's per-call parser set-up and token machinery cost ~19 %
 * of the stream thread at 100,000 events/s (JFR); this is one pass over the bytes with no allocation but the fields kept.
 *
 * <p>It answers only "valid, with these fields" or "not sure" (null). Every rejection, and every input it does not fully
 * understand — escapes, non-ASCII, nested values, a read field twice, a sign, fraction, exponent or more than 18 digits
 * in a read integer, an unread number longer than 64 characters — goes to the Jackson path, the only source of reasons.
 * Where it says yes it is as strict as Jackson's defaults: JSON whitespace only (space, tab, CR, LF), no control
 * characters in strings, no leading zeros, literals spelt exactly, nothing but whitespace after the object.
 */
final class FlatEventScanner {
  private static final byte[][] NAMES = Arrays.stream(Validator.FIELDS).map(FlatEventScanner::ascii).toArray(byte[][]::new);
  private static final int ALL_FIELDS = (1 << NAMES.length) - 1;
  private static final String[] TYPES = Validator.TYPES.toArray(String[]::new);
  private static final byte[][] TYPE_BYTES = Arrays.stream(TYPES).map(FlatEventScanner::ascii).toArray(byte[][]::new);
  /** up to 18 digits always fit a long (Jackson: INT or LONG, never BIG_INTEGER) */
  private static final int MAX_DIGITS = 18;
  /** well under Jackson's own limit on number length (1,000 characters) */
  private static final int MAX_NUMBER_CHARS = 64;

  private FlatEventScanner() {}

  /** the Result Jackson's path would give for a valid event, or null when this scanner is not sure */
  static Validator.Result scan(byte[] b, long intendedUs, long sentUs) {
    final int n = b.length;
    int i = skipWs(b, 0);
    if (i >= n || b[i] != '{') return null;
    int seen = 0;
    int idFrom = 0, idTo = 0, typeFrom = 0, typeTo = 0, userFrom = 0, userTo = 0, pageFrom = 0, pageTo = 0;
    long eventTimeMs = 0, amountCents = 0;
    i = skipWs(b, i + 1);
    while (true) {
      if (i >= n || b[i] != '"') return null;
      int nameEnd = stringEnd(b, i + 1);
      if (nameEnd < 0) return null;
      int f = field(b, i + 1, nameEnd);
      i = skipWs(b, nameEnd + 1);
      if (i >= n || b[i] != ':') return null;
      i = skipWs(b, i + 1);
      if (i >= n) return null;
      int end;
      if (f < 0) {
        end = skipValue(b, i);
      } else {
        if ((seen & (1 << f)) != 0) return null; // a read field twice: leave its meaning to the Jackson path
        seen |= 1 << f;
        if (f < Validator.STRING_FIELDS) {
          if (b[i] != '"') return null;
          end = stringEnd(b, i + 1);
          if (end < 0) return null;
          switch (f) {
            case 0 -> { idFrom = i + 1; idTo = end; }
            case 1 -> { typeFrom = i + 1; typeTo = end; }
            case 2 -> { userFrom = i + 1; userTo = end; }
            case 3 -> { pageFrom = i + 1; pageTo = end; }
            default -> { } // event_time: checked to be a string, not kept
          }
          end++;
        } else {
          end = digitsEnd(b, i);
          if (end < 0) return null;
          long v = 0;
          for (int j = i; j < end; j++) v = v * 10 + (b[j] - '0');
          if (f == 5) eventTimeMs = v;
          else amountCents = v;
        }
      }
      if (end < 0) return null;
      i = skipWs(b, end);
      if (i >= n) return null;
      if (b[i] == '}') break;
      if (b[i] != ',') return null;
      i = skipWs(b, i + 1);
    }
    if (seen != ALL_FIELDS || skipWs(b, i + 1) != n) return null;
    String type = type(b, typeFrom, typeTo);
    if (type == null) return null;
    Event event = new Event(latin1(b, idFrom, idTo), latin1(b, userFrom, userTo), amountCents, eventTimeMs, intendedUs, sentUs);
    return new Validator.Result(latin1(b, pageFrom, pageTo) + ":" + type, event, null);
  }

  private static int skipWs(byte[] b, int i) {
    while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) i++;
    return i;
  }

  /** the index of the closing quote of a string starting at `from`, or -1 at an escape, a control or non-ASCII byte, or the end */
  private static int stringEnd(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      byte c = b[i];
      if (c == '"') return i;
      if (c < 0x20 || c == '\\') return -1; // bytes are signed: non-ASCII is negative
    }
    return -1;
  }

  /** the end of an unsigned integer of 1 to MAX_DIGITS digits without a leading zero, or -1 */
  private static int digitsEnd(byte[] b, int from) {
    int i = from;
    while (i < b.length && b[i] >= '0' && b[i] <= '9') i++;
    int digits = i - from;
    if (digits == 0 || digits > MAX_DIGITS || (b[from] == '0' && digits > 1)) return -1;
    return i;
  }

  /** the end of an unread simple value (string, number, true, false, null) starting at `i`, or -1 */
  private static int skipValue(byte[] b, int i) {
    switch (b[i]) {
      case '"' -> {
        int end = stringEnd(b, i + 1);
        return end < 0 ? -1 : end + 1;
      }
      case 't' -> {
        return literalEnd(b, i, "true");
      }
      case 'f' -> {
        return literalEnd(b, i, "false");
      }
      case 'n' -> {
        return literalEnd(b, i, "null");
      }
      default -> {
        return numberEnd(b, i);
      }
    }
  }

  private static int literalEnd(byte[] b, int i, String literal) {
    if (i + literal.length() > b.length) return -1;
    for (int k = 0; k < literal.length(); k++) if (b[i + k] != literal.charAt(k)) return -1;
    return i + literal.length();
  }

  /** the end of a JSON number (RFC 8259 grammar) of at most MAX_NUMBER_CHARS characters, or -1 */
  private static int numberEnd(byte[] b, int from) {
    int i = from;
    if (i < b.length && b[i] == '-') i++;
    int intEnd = digitsAt(b, i);
    if (intEnd == i || (b[i] == '0' && intEnd > i + 1)) return -1;
    i = intEnd;
    if (i < b.length && b[i] == '.') {
      int fracEnd = digitsAt(b, i + 1);
      if (fracEnd == i + 1) return -1;
      i = fracEnd;
    }
    if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < b.length && (b[i] == '+' || b[i] == '-')) i++;
      int expEnd = digitsAt(b, i);
      if (expEnd == i) return -1;
      i = expEnd;
    }
    return i - from > MAX_NUMBER_CHARS ? -1 : i;
  }

  private static int digitsAt(byte[] b, int i) {
    while (i < b.length && b[i] >= '0' && b[i] <= '9') i++;
    return i;
  }

  /** the index in Validator.FIELDS of the name b[from, to), or -1 */
  private static int field(byte[] b, int from, int to) {
    for (int f = 0; f < NAMES.length; f++) {
      byte[] name = NAMES[f];
      if (name.length == to - from && name[0] == b[from] && Arrays.equals(name, 0, name.length, b, from, to)) return f;
    }
    return -1;
  }

  /** the type constant spelt b[from, to), or null when it is none of them */
  private static String type(byte[] b, int from, int to) {
    for (int t = 0; t < TYPE_BYTES.length; t++) if (Arrays.equals(TYPE_BYTES[t], 0, TYPE_BYTES[t].length, b, from, to)) return TYPES[t];
    return null;
  }

  /** ASCII bytes as a String: the cheapest decoding, and the same text as UTF-8 for ASCII */
  private static String latin1(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
