package dev.streamprobe.sut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialTest {
  static Partial window(int partition, long start, String... users) {
    Partial p = Partial.window(partition, start, 0);
    for (int i = 0; i < users.length; i++) p.add(new Event("e" + i, users[i], 100 + i, start + i, start * 1000 + i, start * 1000 + 2 * i));
    return p;
  }

  /** as the window task gets it: through the repartition topic */
  static Partial read(Partial p) {
    return Partial.SERDE.deserializer().deserialize("t", Partial.SERDE.serializer().serialize("t", p));
  }

  @Test
  void writesTheBytesTheHashSetCodeWrote() {
    Partial p = window(3, 1_796_068_145_000L, "u000001", "u000002", "u000001", "", "ü用户", "u000002");
    p.records = 6;
    byte[] bytes = Partial.SERDE.serializer().serialize("t", p);
    long[] longs = {6, 6, 6 * 100 + 1 + 2 + 3 + 4 + 5, 1_796_068_145_000_000L + 5, 1_796_068_145_000_000L + 10};
    assertArrayEquals(OldEncoding.partial(false, 3, 1_796_068_145_000L, longs, List.of("u000001", "u000002", "", "ü用户")), bytes);
    Partial back = read(p);
    assertArrayEquals(bytes, Partial.SERDE.serializer().serialize("t", back));
    assertEquals(4, back.userCount());
    assertEquals(longs[2], back.sumAmountCents);
  }

  @Test
  void keepsTheFormatOfTheTopic() {
    Partial p = window(1, 5000, "u7", "é");
    String golden = "00" + "00000001" + "0000000000001388" + "0000000000000000" + "0000000000000002" + "00000000000000c9"
        + "00000000004c4b41" + "00000000004c4b42" + "00000002" + "0002" + "7537" + "0002" + "c3a9";
    assertEquals(golden, HexFormat.of().formatHex(Partial.SERDE.serializer().serialize("t", p)));
    Partial wm = Partial.watermark(4, 77, 2);
    wm.records = 9;
    byte[] w = Partial.SERDE.serializer().serialize("t", wm);
    assertArrayEquals(OldEncoding.partial(true, 4, 77, new long[] {9, 0, 0, -1, -1}, List.of()), w);
    Partial back = read(wm);
    assertEquals(true, back.watermark);
    assertEquals(9, back.records);
    assertEquals(0, back.userCount());
  }
}
