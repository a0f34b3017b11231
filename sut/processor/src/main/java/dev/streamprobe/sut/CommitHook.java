package dev.streamprobe.sut;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * Runs an action inside the next commit of the task, before the commit sends its records and input offsets. In Kafka
 * Streams 4.1.1 StreamTask.prepareCommit calls StreamTask.flush(): ProcessorStateManager.flushCache() (each cached
 * store flushes its dirty entries, calling its flush listener) and only then RecordCollector.flush(); the offsets (under
 * exactly_once_v2 the transaction) are committed after that. So the flush listener of a marker entry put into a cached,
 * unlogged store runs in that commit, and what the action sends — forwards, or writes to uncached stores, whose
 * changelog records go out at once — is in the same transaction as the input it reflects. A full thread cache may evict
 * the marker sooner, inside {@link #mark}: the action then runs earlier, never later. A new hook per init(): a revived
 * task starts unmarked.
 */
final class CommitHook {
  private static final Bytes MARK = Bytes.wrap(new byte[] {0});
  private static final byte[] PENDING = new byte[0];

  private final KeyValueStore<Bytes, byte[]> store;
  private boolean marked;

  @SuppressWarnings({"unchecked", "rawtypes"})
  CommitHook(KeyValueStore<Bytes, byte[]> store, Runnable atCommit) {
    this.store = store;
    boolean cached = ((WrappedStateStore) store).setFlushListener(r -> {
      marked = false;
      atCommit.run();
    }, false);
    if (!cached) throw new IllegalStateException(store.name() + " must be a cached store");
  }

  /** the next commit runs the action (once, however often this is called before it) */
  void mark() {
    if (marked) return;
    marked = true;
    store.put(MARK, PENDING);
  }
}
