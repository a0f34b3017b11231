package dev.streamprobe.sut;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The open windows of one task with exact distinct users, without a state entry (and a changelog record) per user.
 * A window's value in the cached OPEN store is its 40-byte {@link Aggregate}, the number of sealed user chunks, then
 * the users added since the last seal; every {@link #CHUNK} new users the chunk is sealed into the USERS store under
 * (window, key, chunk number). So the changelogs get about one record per (window, key) per commit plus one per
 * CHUNK new users. An in-memory copy of each window's user set answers "new user?" without a store read; it is
 * rebuilt from the stores the first time a task touches a window (after a restart, a rebalance or a restore).
 */
final class OpenWindows {
  static final int CHUNK = 32;
  private static final int HEADER = 48;

  private static final class Window {
    final long start;
    final String key;
    final Bytes storeKey;
    final Aggregate agg;
    final Set<String> users;
    int sealed;
    int chunkUsers;
    byte[] chunk;
    int chunkBytes;

    Window(long start, String key, Bytes storeKey, Aggregate agg, Set<String> users, int sealed, int chunkUsers, byte[] chunk) {
      this.start = start;
      this.key = key;
      this.storeKey = storeKey;
      this.agg = agg;
      this.users = users;
      this.sealed = sealed;
      this.chunkUsers = chunkUsers;
      this.chunk = chunk.length == 0 ? new byte[256] : chunk;
      this.chunkBytes = chunk.length;
    }

    byte[] value() {
      ByteBuffer b = ByteBuffer.allocate(HEADER + chunkBytes);
      agg.writeTo(b);
      return b.putInt(sealed).putInt(chunkUsers).put(chunk, 0, chunkBytes).array();
    }
  }

  private final KeyValueStore<Bytes, byte[]> open;
  private final KeyValueStore<Bytes, byte[]> users;
  private final Map<WindowKey, Window> windows = new HashMap<>();

  OpenWindows(KeyValueStore<Bytes, byte[]> open, KeyValueStore<Bytes, byte[]> users) {
    this.open = open;
    this.users = users;
  }

  void add(long start, String key, Partial p) {
    Window w = windows.computeIfAbsent(new WindowKey(start, key), k -> load(k.start(), k.key()));
    int newUsers = 0;
    for (String user : p.users) {
      if (!w.users.add(user)) continue;
      newUsers++;
      appendUser(w, user);
    }
    w.agg.add(p, newUsers);
    open.put(w.storeKey, w.value());
  }

  /** forgets a closing window: its OPEN entry (`value` as read from the store) and its sealed chunks */
  void remove(Bytes storeKey, byte[] value) {
    long start = StoreKeys.start(storeKey);
    String key = StoreKeys.key(storeKey);
    windows.remove(new WindowKey(start, key));
    open.delete(storeKey);
    int sealed = ByteBuffer.wrap(value).getInt(Aggregate.BYTES);
    for (int n = 0; n < sealed; n++) users.delete(StoreKeys.chunk(start, key, n));
  }

  private void appendUser(Window w, String user) {
    byte[] u = user.getBytes(StandardCharsets.UTF_8);
    if (w.chunkBytes + 2 + u.length > w.chunk.length) w.chunk = Arrays.copyOf(w.chunk, Math.max(2 * w.chunk.length, w.chunkBytes + 2 + u.length));
    w.chunk[w.chunkBytes] = (byte) (u.length >>> 8);
    w.chunk[w.chunkBytes + 1] = (byte) u.length;
    System.arraycopy(u, 0, w.chunk, w.chunkBytes + 2, u.length);
    w.chunkBytes += 2 + u.length;
    if (++w.chunkUsers < CHUNK) return;
    users.put(StoreKeys.chunk(w.start, w.key, w.sealed), Arrays.copyOf(w.chunk, w.chunkBytes));
    w.sealed++;
    w.chunkUsers = 0;
    w.chunkBytes = 0;
  }

  private Window load(long start, String key) {
    Bytes storeKey = StoreKeys.window(start, key);
    byte[] v = open.get(storeKey);
    Set<String> set = new HashSet<>();
    if (v == null) return new Window(start, key, storeKey, new Aggregate(), set, 0, 0, new byte[0]);
    ByteBuffer b = ByteBuffer.wrap(v);
    Aggregate agg = Aggregate.fromBytes(v);
    int sealed = b.getInt(Aggregate.BYTES);
    int chunkUsers = b.getInt(Aggregate.BYTES + 4);
    byte[] chunk = Arrays.copyOfRange(v, HEADER, v.length);
    readUsers(chunk, set);
    Bytes[] range = StoreKeys.usersOf(start, key);
    try (KeyValueIterator<Bytes, byte[]> it = users.range(range[0], range[1])) {
      while (it.hasNext()) readUsers(it.next().value, set);
    }
    return new Window(start, key, storeKey, agg, set, sealed, chunkUsers, chunk);
  }

  private static void readUsers(byte[] chunk, Set<String> into) {
    for (int i = 0; i < chunk.length; ) {
      int len = ((chunk[i] & 0xff) << 8) | (chunk[i + 1] & 0xff);
      into.add(new String(chunk, i + 2, len, StandardCharsets.UTF_8));
      i += 2 + len;
    }
  }
}
