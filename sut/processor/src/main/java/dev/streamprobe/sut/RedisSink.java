package dev.streamprobe.sut;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.resps.Tuple;

/**
 * The serving store (sut/README.md "Redis layout"): hash `<prefix>win:<key>` (field = window start ms, value = the
 * aggregate JSON) and sorted set `<prefix>top:<window start ms>` (member = key, score = count). Final values only, written
 * when a window closes; a replay after a crash writes the same values again. A Redis failure is counted, never fatal.
 */
public final class RedisSink implements AutoCloseable {
  public record Window(String key, long start, long count, String json) {}

  private final JedisPooled redis;
  private final String prefix;

  public RedisSink(String host, int port, String prefix) {
    this.redis = new JedisPooled(host, port);
    this.prefix = prefix;
  }

  public void write(List<Window> windows) {
    if (windows.isEmpty()) return;
    try (Pipeline p = redis.pipelined()) {
      for (Window w : windows) {
        p.hset(prefix + "win:" + w.key(), Long.toString(w.start()), w.json());
        p.zadd(prefix + "top:" + w.start(), w.count(), w.key());
      }
      p.sync();
    } catch (RuntimeException e) {
      Counters.REDIS_ERRORS.incrementAndGet();
      System.err.println("redis write failed: " + e);
    }
  }

  /** the newest `limit` windows of a key, newest first, as JSON strings */
  public List<String> windows(String key, int limit) {
    Map<String, String> all = redis.hgetAll(prefix + "win:" + key);
    return all.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, String> e) -> Long.parseLong(e.getKey())).reversed())
        .limit(limit).map(Map.Entry::getValue).toList();
  }

  /** the aggregates of the `n` keys with the highest counts in a window, highest first */
  public List<String> top(long windowStart, int n) {
    List<Tuple> members = redis.zrevrangeWithScores(prefix + "top:" + windowStart, 0, n - 1);
    List<String> out = new ArrayList<>(members.size());
    try (Pipeline p = redis.pipelined()) {
      List<Response<String>> rs = new ArrayList<>();
      for (Tuple t : members) rs.add(p.hget(prefix + "win:" + t.getElement(), Long.toString(windowStart)));
      p.sync();
      for (Response<String> r : rs) if (r.get() != null) out.add(r.get());
    }
    return out;
  }

  public boolean ping() {
    try {
      return "PONG".equals(redis.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    redis.close();
  }
}
