package dev.streamprobe.sut;

import static dev.streamprobe.sut.EventSamples.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FlatEventScannerTest {
  private static final String EVENT = "{\"event_id\":\"e0-7\",\"type\":\"purchase\",\"user_id\":\"u42\",\"session_id\":\"u42.1h\","
      + "\"page_id\":\"pg3\",\"product_id\":\"pr9\",\"amount_cents\":1999,\"currency\":\"EUR\",\"country\":\"DE\",\"device\":\"mobile\","
      + "\"event_time\":\"2026-12-01T05:00:00.000Z\",\"event_time_ms\":1796101200000,\"v\":1}";

  @Test
  void readsTheFieldsOfAFlatEvent() {
    Validator.Result r = FlatEventScanner.scan(bytes(EVENT), 5, 6);
    assertEquals(new Validator.Result("pg3:purchase", new Event("e0-7", "u42", 1999, 1796101200000L, 5, 6), null), r);
  }

  @Test
  void leavesWhatItIsNotSureOfToJackson() {
    for (String[] r : new String[][] {
        {"\"u42\"", "\"u\\u0034\""}, // an escape
        {"\"u42\"", "\"u42\u00e9\""}, // non-ASCII
        {"\"pr9\"", "{\"id\":\"pr9\"}"}, // a nested value, even unread
        {"1999", "1999.0"}, {"1999", "-1999"}, {"1999", "1e3"}, {"1999", "1234567890123456789"}, // read integers
        {"\"v\":1}", "\"v\":1,\"type\":\"purchase\"}"}, // a read field twice
        {"\"purchase\"", "\"refund\""}, // a rejection
        {"\"v\":1}", "\"v\":1}x"}, // trailing data
        {"{", "\u000b{"}, // not JSON whitespace
    }) {
      assertNull(FlatEventScanner.scan(bytes(EVENT.replace(r[0], r[1])), 5, 6), r[1]);
    }
  }
}
