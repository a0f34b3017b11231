package dev.streamprobe.sut;

/** a window of one key: its start (epoch ms of event time) and `page_id:type` */
record WindowKey(long start, String key) {}
