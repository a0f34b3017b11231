package dev.streamprobe.sut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserSetTest {
  /** ids as lib/events writes them, most repeated, plus the odd ones: empty, non-ASCII, up to the 2-byte length limit */
  private static String id(Random r, int distinct) {
    int kind = r.nextInt(100);
    if (kind == 0) return "";
    if (kind == 1) return "ü-" + r.nextInt(50) + "-用户-\uD83D\uDE00";
    if (kind == 2) return "x".repeat(r.nextInt(10) == 0 ? UserSet.MAX_LENGTH - 1 : r.nextInt(1000)) + r.nextInt(10);
    return String.format("u%06d", r.nextInt(distinct));
  }

  private static void matchesHashSet(UserSet set, int adds, int distinct, long seed) {
    Random r = new Random(seed);
    Set<String> expected = new HashSet<>();
    List<String> inOrder = new ArrayList<>();
    for (int i = 0; i < adds; i++) {
      String u = id(r, distinct);
      boolean added = r.nextBoolean() ? set.add(u) : set.add(u.getBytes(StandardCharsets.UTF_8), 0, u.getBytes(StandardCharsets.UTF_8).length);
      assertEquals(expected.add(u), added, u);
      if (added) inOrder.add(u);
      assertEquals(expected.size(), set.size());
    }
    for (String u : List.of("u999999x", "never", "ü")) {
      byte[] b = u.getBytes(StandardCharsets.UTF_8);
      assertEquals(expected.contains(u), set.contains(b, 0, b.length), u);
    }
    for (String u : expected) {
      byte[] b = u.getBytes(StandardCharsets.UTF_8);
      assertTrue(set.contains(b, 0, b.length), u);
    }
    assertArrayEquals(OldEncoding.users(inOrder), Arrays.copyOf(set.bytes(), set.length()));
  }

  @Test
  void isTheSetOfHashSetInInsertionOrderAcrossResizes() {
    matchesHashSet(new UserSet(), 60_000, 20_000, 1);
  }

  @Test
  void staysExactWhenEveryHashCollides() {
    matchesHashSet(new UserSet(0x7), 3_000, 1_000, 2); // 8 hash values: long probe runs of equal hashes
    matchesHashSet(new UserSet(0), 500, 200, 3);
  }

  @Test
  void addsTheEntriesOfAnEncodedRegionAndCountsTheNewOnes() {
    UserSet a = new UserSet();
    for (String u : List.of("u1", "u2", "u3")) a.add(u);
    UserSet b = new UserSet();
    b.add("u2");
    b.add("u9");
    int before = b.length();
    assertEquals(2, b.addAll(a.bytes(), 0, a.length()));
    assertArrayEquals(OldEncoding.users(List.of("u1", "u3")), Arrays.copyOfRange(b.bytes(), before, b.length()));
    assertEquals(0, b.addAll(a.bytes(), 0, a.length()));
    assertEquals(4, b.size());
    assertThrows(IllegalArgumentException.class, () -> b.addAll(a.bytes(), 0, a.length() - 1));
  }

  @Test
  void refusesIdsLongerThanTheTwoByteLength() {
    UserSet set = new UserSet();
    assertTrue(set.add("y".repeat(UserSet.MAX_LENGTH)));
    assertThrows(IllegalArgumentException.class, () -> set.add("y".repeat(UserSet.MAX_LENGTH + 1)));
    assertEquals(1, set.size());
  }

  @Test
  void hashIsMurmurHash3X86With32Bits() {
    for (Object[] v : new Object[][] {{"", 0}, {"hello", 0x248bfa47}, {"The quick brown fox jumps over the lazy dog", 0x2e4ff723}}) {
      byte[] b = ((String) v[0]).getBytes(StandardCharsets.US_ASCII);
      assertEquals((int) v[1], UserSet.hash(b, 0, b.length), (String) v[0]);
    }
  }

  @Test
  void hashSpreadsIdsThatDifferInAFewBytes() {
    Set<Integer> buckets = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      byte[] b = String.format("u%06d", i).getBytes(StandardCharsets.US_ASCII);
      buckets.add(UserSet.hash(b, 0, b.length) & 0xffff);
    }
    // 100,000 random draws over 65,536 buckets fill ~51,000 of them
    assertTrue(buckets.size() > 49_000, buckets.size() + " buckets");
  }
}
