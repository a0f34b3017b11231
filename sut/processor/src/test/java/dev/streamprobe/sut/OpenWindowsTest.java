package dev.streamprobe.sut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** OpenWindows over Kafka Streams' in-memory stores: the OPEN values and sealed chunks the HashSet<String> code wrote. */
class OpenWindowsTest {
  private static final long START = 1_796_068_145_000L;
  private static final String KEY = "pg12:click";

  private final MockProcessorContext<String, String> ctx = new MockProcessorContext<>();
  private final KeyValueStore<Bytes, byte[]> open = store(WindowAggregator.OPEN);
  private final KeyValueStore<Bytes, byte[]> users = store(WindowAggregator.USERS);
  /** what the window has seen: its users in order, events, amount */
  private final Set<String> seen = new LinkedHashSet<>();
  private long events;
  private long amount;
  private long maxIntended = -1;

  private KeyValueStore<Bytes, byte[]> store(String name) {
    KeyValueStore<Bytes, byte[]> s = Stores.inMemoryKeyValueStore(name).get();
    s.init(ctx.getStateStoreContext(), s);
    return s;
  }

  private void add(OpenWindows windows, String... ids) {
    Partial p = PartialTest.window(0, START, ids);
    for (String id : ids) seen.add(id);
    events += ids.length;
    for (int i = 0; i < ids.length; i++) amount += 100 + i;
    maxIntended = Math.max(maxIntended, START * 1000 + ids.length - 1);
    windows.add(START, KEY, PartialTest.read(p));
  }

  private static String[] ids(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) ids.add(String.format("u%06d", i));
    return ids.toArray(String[]::new);
  }

  /** the stores hold what the old code wrote: chunks of 32 users in order, the rest in the OPEN value */
  private void assertStores() {
    List<String> all = new ArrayList<>(seen);
    int sealed = all.size() / OpenWindows.CHUNK;
    for (int n = 0; n < sealed; n++) {
      List<String> chunk = all.subList(n * OpenWindows.CHUNK, (n + 1) * OpenWindows.CHUNK);
      assertArrayEquals(OldEncoding.users(chunk), users.get(StoreKeys.chunk(START, KEY, n)), "chunk " + n);
    }
    assertNull(users.get(StoreKeys.chunk(START, KEY, sealed)));
    long maxSent = maxIntended + (maxIntended - START * 1000);
    long[] agg = {events, amount, all.size(), maxIntended, maxSent};
    byte[] expected = OldEncoding.openValue(agg, sealed, all.subList(sealed * OpenWindows.CHUNK, all.size()));
    assertArrayEquals(expected, open.get(StoreKeys.window(START, KEY)));
  }

  /** adds a partial of `ids` and writes, as a commit does */
  private void commit(OpenWindows windows, String... ids) {
    add(windows, ids);
    windows.write();
  }

  @Test
  void sealsEveryThirtyTwoUsersAndWritesTheOldValues() {
    OpenWindows windows = new OpenWindows(open, users);
    commit(windows, ids(0, 5));
    assertStores();
    commit(windows, ids(3, 40)); // seals within a partial
    assertStores();
    commit(windows, ids(0, 40)); // nobody new
    assertStores();
    commit(windows, ids(40, 200));
    assertStores();
  }

  @Test
  void writesAWindowOnceForAllItsPartialsSinceTheLastWrite() {
    OpenWindows windows = new OpenWindows(open, users);
    commit(windows, ids(0, 5));
    byte[] written = open.get(StoreKeys.window(START, KEY));
    add(windows, ids(3, 20));
    add(windows, ids(20, 50)); // seals chunk 0 at once: USERS may run ahead, the OPEN value says which chunks count
    assertArrayEquals(written, open.get(StoreKeys.window(START, KEY)));
    windows.write();
    assertStores();
    windows.write(); // nothing changed: nothing to write
    assertStores();
  }

  @Test
  void carriesOnFromTheStoresAfterARestart() {
    commit(new OpenWindows(open, users), ids(0, 70));
    OpenWindows restarted = new OpenWindows(open, users);
    commit(restarted, ids(60, 75)); // 10 known (sealed and unsealed), 5 new
    assertStores();
    commit(new OpenWindows(open, users), ids(0, 100));
    assertStores();
    Bytes key = StoreKeys.window(START, KEY);
    restarted.remove(key, open.get(key));
    assertNull(open.get(key));
    for (int n = 0; n < 4; n++) assertNull(users.get(StoreKeys.chunk(START, KEY, n)));
  }

  @Test
  void doesNotWriteBackAWindowRemovedBeforeTheWrite() {
    OpenWindows windows = new OpenWindows(open, users);
    commit(windows, ids(0, 40));
    add(windows, ids(40, 45));
    Bytes key = StoreKeys.window(START, KEY);
    windows.remove(key, open.get(key));
    windows.write();
    assertNull(open.get(key));
    assertNull(users.get(StoreKeys.chunk(START, KEY, 0)));
  }

  @Test
  void countsNoUserOfAChunkSealedAfterTheOpenValueItLost() {
    commit(new OpenWindows(open, users), ids(0, 40));
    // at_least_once: chunk 1 reached its changelog, the OPEN update counting its users did not
    byte[] chunk1 = OldEncoding.users(List.of(ids(32, 64)));
    users.put(StoreKeys.chunk(START, KEY, 1), chunk1);
    commit(new OpenWindows(open, users), ids(38, 66)); // u000064 and u000065 are new
    List<String> fresh = List.of("u000064", "u000065");
    byte[] v = open.get(StoreKeys.window(START, KEY));
    assertEquals(42, Aggregate.fromBytes(v).distinctUsers);
    List<String> tail = new ArrayList<>(List.of(ids(32, 40)));
    tail.addAll(fresh);
    assertArrayEquals(OldEncoding.users(tail), java.util.Arrays.copyOfRange(v, OpenWindows.HEADER, v.length));
  }
}
