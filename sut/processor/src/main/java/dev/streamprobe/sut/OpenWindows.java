package dev.streamprobe.sut;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The open windows of one task with exact distinct users, without a state entry (and a changelog record) per user.
 * A window's value in the OPEN store is its 40-byte {@link Aggregate}, the number of sealed user chunks, then the
 * users added since the last seal; every {@link #CHUNK} new users the chunk is sealed into the USERS store under
 * (window, key, chunk number). A partial only marks its window dirty; {@link #write} puts each dirty window's value
 * once (the owner calls it inside every commit, and before it reads the OPEN store), so the OPEN store sees one put
 * per touched (window, key) per commit, not one per partial, and the changelogs get that record plus one per CHUNK
 * new users. An in-memory {@link UserSet} of each window's users answers "new user?" without a store read; its
 * arena holds the sealed chunks' users, then the unsealed chunk's, so that chunk is the arena's tail. It is rebuilt
 * from the stores the first time a task touches a window (after a restart, a rebalance or a restore).
 */
final class OpenWindows {
  static final int CHUNK = 32;
  static final int HEADER = 48;

  private static final class Window {
    final long start;
    final String key;
    final Bytes storeKey;
    final Aggregate agg;
    final UserSet users;
    /**
     * users of chunks past the sealed count (at_least_once: sealed eagerly before a crash lost the OPEN update that
     * counted them): in the set, as before, but not in the arena's unsealed tail; null when there are none
     */
    final UserSet stale;
    int sealed;
    int chunkUsers;
    /** where the unsealed chunk starts in the arena */
    int chunkFrom;
    /** changed since its last write; false once removed, so a closed window is not written back */
    boolean dirty;

    Window(long start, String key, Bytes storeKey, Aggregate agg, UserSet users, UserSet stale, int sealed, int chunkUsers, int chunkFrom) {
      this.start = start;
      this.key = key;
      this.storeKey = storeKey;
      this.agg = agg;
      this.users = users;
      this.stale = stale;
      this.sealed = sealed;
      this.chunkUsers = chunkUsers;
      this.chunkFrom = chunkFrom;
    }

    byte[] value() {
      int chunkBytes = users.length() - chunkFrom;
      ByteBuffer b = ByteBuffer.allocate(HEADER + chunkBytes);
      agg.writeTo(b);
      return b.putInt(sealed).putInt(chunkUsers).put(users.bytes(), chunkFrom, chunkBytes).array();
    }
  }

  private final KeyValueStore<Bytes, byte[]> open;
  private final KeyValueStore<Bytes, byte[]> users;
  private final Map<WindowKey, Window> windows = new HashMap<>();
  private final List<Window> dirty = new ArrayList<>();

  OpenWindows(KeyValueStore<Bytes, byte[]> open, KeyValueStore<Bytes, byte[]> users) {
    this.open = open;
    this.users = users;
  }

  void add(long start, String key, Partial p) {
    Window w = windows.computeIfAbsent(new WindowKey(start, key), k -> load(k.start(), k.key()));
    byte[] d = p.usersData();
    int newUsers = 0;
    for (int i = p.usersFrom(), to = p.usersTo(), len; i < to; i += 2 + len) {
      len = UserSet.entryLength(d, i);
      if ((w.stale != null && w.stale.contains(d, i + 2, len)) || !w.users.add(d, i + 2, len)) continue;
      newUsers++;
      if (++w.chunkUsers == CHUNK) seal(w);
    }
    w.agg.add(p, newUsers);
    if (!w.dirty) {
      w.dirty = true;
      dirty.add(w);
    }
  }

  /** puts the value of every window changed since the last write into the OPEN store */
  void write() {
    for (Window w : dirty) {
      if (w.dirty) open.put(w.storeKey, w.value());
      w.dirty = false;
    }
    dirty.clear();
  }

  /** forgets a closing window: its OPEN entry (`value` as read from the store) and its sealed chunks */
  void remove(Bytes storeKey, byte[] value) {
    long start = StoreKeys.start(storeKey);
    String key = StoreKeys.key(storeKey);
    Window w = windows.remove(new WindowKey(start, key));
    if (w != null) w.dirty = false;
    open.delete(storeKey);
    int sealed = ByteBuffer.wrap(value).getInt(Aggregate.BYTES);
    for (int n = 0; n < sealed; n++) users.delete(StoreKeys.chunk(start, key, n));
  }

  private void seal(Window w) {
    users.put(StoreKeys.chunk(w.start, w.key, w.sealed), Arrays.copyOfRange(w.users.bytes(), w.chunkFrom, w.users.length()));
    w.sealed++;
    w.chunkUsers = 0;
    w.chunkFrom = w.users.length();
  }

  private Window load(long start, String key) {
    Bytes storeKey = StoreKeys.window(start, key);
    byte[] v = open.get(storeKey);
    UserSet set = new UserSet();
    if (v == null) return new Window(start, key, storeKey, new Aggregate(), set, null, 0, 0, 0);
    ByteBuffer b = ByteBuffer.wrap(v);
    int sealed = b.getInt(Aggregate.BYTES);
    UserSet stale = null;
    Bytes[] range = StoreKeys.usersOf(start, key);
    try (KeyValueIterator<Bytes, byte[]> it = users.range(range[0], range[1])) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> chunk = it.next();
        if (StoreKeys.chunkNumber(chunk.key) < sealed) {
          set.addAll(chunk.value, 0, chunk.value.length);
        } else {
          if (stale == null) stale = new UserSet();
          stale.addAll(chunk.value, 0, chunk.value.length);
        }
      }
    }
    int chunkFrom = set.length();
    set.addAll(v, HEADER, v.length);
    return new Window(start, key, storeKey, Aggregate.fromBytes(v), set, stale, sealed, b.getInt(Aggregate.BYTES + 4), chunkFrom);
  }
}
