package dev.streamprobe.sut;

/** What the aggregation needs of a valid event; stamps are -1 when the record carried none. */
public record Event(String eventId, String userId, long amountCents, long eventTimeMs, long intendedUs, long sentUs) {}
