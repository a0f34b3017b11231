package dev.streamprobe.sut;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/** Keys of the open-window and user-chunk stores: big-endian window start first, so a range scan walks windows in time order. */
public final class StoreKeys {
  private StoreKeys() {}

  public static Bytes window(long start, String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(8 + k.length).putLong(start).put(k).array());
  }

  /** every window starting at or before `start` (keys of later windows compare greater) */
  public static Bytes upToStart(long start) {
    return Bytes.wrap(ByteBuffer.allocate(8).putLong(start + 1).array());
  }

  /** the n-th sealed chunk of one window's users (OpenWindows) */
  public static Bytes chunk(long start, String key, int n) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(8 + k.length + 1 + 4).putLong(start).put(k).put((byte) 0).putInt(n).array());
  }

  /** n of a key made by {@link #chunk} */
  public static int chunkNumber(Bytes chunkKey) {
    byte[] b = chunkKey.get();
    return ByteBuffer.wrap(b).getInt(b.length - 4);
  }

  /** [from, to] covering every user chunk of one window and key */
  public static Bytes[] usersOf(long start, String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] from = ByteBuffer.allocate(8 + k.length + 1).putLong(start).put(k).put((byte) 0).array();
    byte[] to = Arrays.copyOf(from, from.length);
    to[to.length - 1] = 1;
    return new Bytes[] {Bytes.wrap(from), Bytes.wrap(to)};
  }

  public static long start(Bytes windowKey) {
    return ByteBuffer.wrap(windowKey.get()).getLong();
  }

  public static String key(Bytes windowKey) {
    byte[] b = windowKey.get();
    return new String(b, 8, b.length - 8, StandardCharsets.UTF_8);
  }
}
