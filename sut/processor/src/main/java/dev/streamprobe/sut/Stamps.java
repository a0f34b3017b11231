package dev.streamprobe.sut;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads the intended and sent times (epoch µs) from a record's stamp headers: the compact `sp` header
 * (`run:gen:seq:intendedUs:sentUs`, parsed from the right so a run id may hold colons) or the five `sp-*` ones.
 */
public final class Stamps {
  private Stamps() {}

  /** {intendedUs, sentUs}, each -1 when absent or unreadable */
  public static long[] read(Headers headers) {
    Header compact = headers.lastHeader("sp");
    if (compact != null && compact.value() != null) {
      String v = new String(compact.value(), StandardCharsets.US_ASCII);
      int lastColon = v.lastIndexOf(':');
      int prevColon = lastColon > 0 ? v.lastIndexOf(':', lastColon - 1) : -1;
      if (prevColon >= 0) {
        return new long[] {parse(v.substring(prevColon + 1, lastColon)), parse(v.substring(lastColon + 1))};
      }
    }
    return new long[] {header(headers, "sp-intended-us"), header(headers, "sp-sent-us")};
  }

  private static long header(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null || h.value() == null ? -1 : parse(new String(h.value(), StandardCharsets.US_ASCII));
  }

  private static long parse(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
