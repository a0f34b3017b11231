package dev.streamprobe.sut;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;

/** One window's running result for one key; the first 40 bytes of its state-store value (OpenWindows keeps the users). */
public final class Aggregate {
  public static final int BYTES = 40;
  private static final ObjectMapper JSON = new ObjectMapper();

  public long count;
  public long sumAmountCents;
  public long distinctUsers;
  public long maxIntendedUs = -1;
  public long maxSentUs = -1;

  /** merges a partial whose users include `newUsers` not counted yet */
  public void add(Partial p, int newUsers) {
    count += p.count;
    sumAmountCents += p.sumAmountCents;
    distinctUsers += newUsers;
    maxIntendedUs = Math.max(maxIntendedUs, p.maxIntendedUs);
    maxSentUs = Math.max(maxSentUs, p.maxSentUs);
  }

  public void writeTo(ByteBuffer b) {
    b.putLong(count).putLong(sumAmountCents).putLong(distinctUsers).putLong(maxIntendedUs).putLong(maxSentUs);
  }

  public static Aggregate fromBytes(byte[] b) {
    ByteBuffer buf = ByteBuffer.wrap(b);
    Aggregate a = new Aggregate();
    a.count = buf.getLong();
    a.sumAmountCents = buf.getLong();
    a.distinctUsers = buf.getLong();
    a.maxIntendedUs = buf.getLong();
    a.maxSentUs = buf.getLong();
    return a;
  }

  /** the JSON of sut/README.md "Aggregates"; `finalValue` false for a window still open */
  public String toJson(String key, long windowStart, long windowMs, boolean finalValue) {
    int colon = key.lastIndexOf(':');
    ObjectNode o = JSON.createObjectNode();
    o.put("key", key);
    o.put("page_id", key.substring(0, colon));
    o.put("type", key.substring(colon + 1));
    o.put("window_start_ms", windowStart);
    o.put("window_end_ms", windowStart + windowMs);
    o.put("count", count);
    o.put("sum_amount_cents", sumAmountCents);
    o.put("distinct_users", distinctUsers);
    if (maxIntendedUs >= 0) o.put("max_intended_us", maxIntendedUs); else o.putNull("max_intended_us");
    if (maxSentUs >= 0) o.put("max_sent_us", maxSentUs); else o.putNull("max_sent_us");
    o.put("final", finalValue);
    return o.toString();
  }
}
