package dev.streamprobe.sut;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The encodings as the HashSet<String> code wrote them (users in the order given), to hold UserSet's to the same bytes. */
final class OldEncoding {
  private OldEncoding() {}

  /** each user as 2-byte big-endian length + UTF-8: a user chunk, an OPEN value's tail, a partial's users */
  static byte[] users(List<String> users) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String u : users) {
      byte[] b = u.getBytes(StandardCharsets.UTF_8);
      out.write(b.length >>> 8);
      out.write(b.length);
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  static byte[] partial(boolean watermark, int partition, long time, long[] longs, List<String> users) {
    byte[] u = users(users);
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + 8 + 5 * 8 + 4 + u.length).put((byte) (watermark ? 1 : 0)).putInt(partition).putLong(time);
    for (long l : longs) b.putLong(l);
    return b.putInt(users.size()).put(u).array();
  }

  /** an OPEN store value: the aggregate, sealed chunks, users in the unsealed chunk, then that chunk */
  static byte[] openValue(long[] aggregate, int sealed, List<String> chunk) {
    byte[] u = users(chunk);
    ByteBuffer b = ByteBuffer.allocate(OpenWindows.HEADER + u.length);
    for (long l : aggregate) b.putLong(l);
    return b.putInt(sealed).putInt(chunk.size()).put(u).array();
  }
}
