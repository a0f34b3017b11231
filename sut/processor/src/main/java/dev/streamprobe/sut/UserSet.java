package dev.streamprobe.sut;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An exact set of users as UTF-8 byte strings, in insertion order in one growable arena, each entry encoded as the
 * repartition topic's partials and the user chunks of the state stores encode it: a 2-byte big-endian length, then
 * the bytes. An open-addressing table (power-of-two capacity, linear probing, at most half full) holds each entry's
 * offset and hash (MurmurHash3 x86_32 of the bytes: its finaliser spreads ids that differ in a byte or two, such as
 * u000123 and u000124, over the whole table). No object per user.
 *
 * Hand-written because no maintained library offers an allocation-free exact set of byte strings in this encoding,
 * and HashSet<String> (a String and a HashMap.Node per user, a UTF-8 conversion each way) was 12–23 % of the stream
 * thread at 100,000 events/s, plus GC pauses copying the open windows' sets.
 */
final class UserSet {
  static final int MAX_LENGTH = 0xffff;
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** keeps only these bits of each hash: tests force full collisions with it */
  private final int hashMask;
  private byte[] arena = new byte[64];
  private int length;
  /** two ints per slot: the entry's offset + 1 (0: empty), its hash */
  private int[] slots = new int[2 * 8];
  private int size;

  UserSet() {
    this(-1);
  }

  UserSet(int hashMask) {
    this.hashMask = hashMask;
  }

  int size() {
    return size;
  }

  /** the entries, [0, length()) of it, in insertion order */
  byte[] bytes() {
    return arena;
  }

  int length() {
    return length;
  }

  /** the byte length of the user encoded at `at` (the entry is 2 + that long) */
  static int entryLength(byte[] data, int at) {
    return ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
  }

  /** adds the user's UTF-8 bytes (as String.getBytes); true if it was new */
  boolean add(String user) {
    int n = user.length();
    reserve(2 + n); // an ASCII id is encoded in the arena's tail, where add() would copy it
    for (int i = 0; i < n; i++) {
      char c = user.charAt(i);
      if (c >= 0x80) {
        byte[] b = user.getBytes(StandardCharsets.UTF_8);
        return add(b, 0, b.length);
      }
      arena[length + 2 + i] = (byte) c;
    }
    return add(arena, length + 2, n);
  }

  /** adds the user whose UTF-8 bytes are src[off, off + len); true if it was new (then it is the arena's last entry) */
  boolean add(byte[] src, int off, int len) {
    if (len > MAX_LENGTH) throw new IllegalArgumentException("a user id of " + len + " bytes is longer than " + MAX_LENGTH);
    int h = hash(src, off, len) & hashMask;
    int slot = slot(src, off, len, h);
    if (slots[slot] != 0) return false;
    reserve(2 + len);
    arena[length] = (byte) (len >>> 8);
    arena[length + 1] = (byte) len;
    System.arraycopy(src, off, arena, length + 2, len);
    slots[slot] = length + 1;
    slots[slot + 1] = h;
    length += 2 + len;
    if (++size > slots.length / 4) grow();
    return true;
  }

  boolean contains(byte[] src, int off, int len) {
    return slots[slot(src, off, len, hash(src, off, len) & hashMask)] != 0;
  }

  /** adds every entry of data[from, to) (encoded as here); returns how many were new: the arena's last ones */
  int addAll(byte[] data, int from, int to) {
    int added = 0;
    for (int i = from; i < to; ) {
      int len = entryLength(data, i);
      if (i + 2 + len > to) throw new IllegalArgumentException("a user entry at " + i + " runs past " + to);
      if (add(data, i + 2, len)) added++;
      i += 2 + len;
    }
    return added;
  }

  /** the slot (index of its first int) holding this user, or the empty one where it belongs */
  private int slot(byte[] src, int off, int len, int h) {
    int mask = slots.length - 2;
    for (int s = (h << 1) & mask; ; s = (s + 2) & mask) {
      int at = slots[s] - 1;
      if (at < 0) return s;
      if (slots[s + 1] == h && entryLength(arena, at) == len && Arrays.equals(arena, at + 2, at + 2 + len, src, off, off + len)) return s;
    }
  }

  private void reserve(int bytes) {
    if (length + bytes > arena.length) arena = Arrays.copyOf(arena, Math.max(2 * arena.length, length + bytes));
  }

  private void grow() {
    int[] old = slots;
    slots = new int[2 * old.length];
    int mask = slots.length - 2;
    for (int o = 0; o < old.length; o += 2) {
      if (old[o] == 0) continue;
      int s = (old[o + 1] << 1) & mask;
      while (slots[s] != 0) s = (s + 2) & mask;
      slots[s] = old[o];
      slots[s + 1] = old[o + 1];
    }
  }

  /** MurmurHash3 x86_32 (seed 0) */
  static int hash(byte[] b, int off, int len) {
    int h = 0;
    int i = off;
    for (int end = off + (len & ~3); i < end; i += 4) {
      h ^= mixK((int) INT_LE.get(b, i));
      h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
    }
    int rest = len & 3;
    if (rest > 0) {
      int k = b[i] & 0xff;
      if (rest > 1) k |= (b[i + 1] & 0xff) << 8;
      if (rest > 2) k |= (b[i + 2] & 0xff) << 16;
      h ^= mixK(k);
    }
    h ^= len;
    h = (h ^ (h >>> 16)) * 0x85ebca6b;
    h = (h ^ (h >>> 13)) * 0xc2b2ae35;
    return h ^ (h >>> 16);
  }

  private static int mixK(int k) {
    return Integer.rotateLeft(k * 0xcc9e2d51, 15) * 0x1b873593;
  }
}
