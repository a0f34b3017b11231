package dev.streamprobe.sut;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The query API (sut/README.md "Query API"): GET /health, /v1/windows?key=…, /v1/top?window_start=…, POST /v1/flush; `source=redis` reads
 * the serving store, otherwise Kafka Streams' state stores: a key is answered by the instance that owns it (others
 * forward the request), a window's top keys are merged from every instance.
 */
public final class QueryServer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final KafkaStreams streams;
  private final RedisSink redis;
  private final Config cfg;
  private final HostInfo self;

  public QueryServer(HttpServer http, KafkaStreams streams, RedisSink redis, Config cfg) {
    this.streams = streams;
    this.redis = redis;
    this.cfg = cfg;
    this.self = new HostInfo("127.0.0.1", http.getAddress().getPort());
    http.setExecutor(Executors.newFixedThreadPool(4));
    http.createContext("/health", ex -> handle(ex, "GET", this::health));
    http.createContext("/v1/windows", ex -> handle(ex, "GET", this::windows));
    http.createContext("/v1/top", ex -> handle(ex, "GET", this::top));
    http.createContext("/v1/flush", ex -> handle(ex, "POST", this::flush));
  }

  private record Reply(int status, String body) {}

  private interface Handler {
    Reply apply(Map<String, String> query) throws Exception;
  }

  private void handle(HttpExchange ex, String method, Handler handler) throws IOException {
    Reply reply;
    try {
      if (!ex.getRequestMethod().equals(method)) reply = error(405, "use " + method);
      else reply = handler.apply(query(ex.getRequestURI()));
    } catch (IllegalArgumentException e) {
      reply = error(400, e.getMessage());
    } catch (Exception e) {
      reply = error(503, e.toString());
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("content-type", "application/json");
    ex.sendResponseHeaders(reply.status(), body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static Reply error(int status, String message) {
    return new Reply(status, JSON.createObjectNode().put("error", message).toString());
  }

  private Reply health(Map<String, String> q) {
    KafkaStreams.State state = streams.state();
    ObjectNode o = JSON.createObjectNode();
    o.put("state", state.name());
    o.put("instance", self.host() + ":" + self.port());
    o.put("application_id", cfg.applicationId);
    o.put("guarantee", cfg.guarantee);
    o.put("window_ms", cfg.windowMs);
    o.put("grace_ms", cfg.graceMs);
    o.put("idle_close_ms", cfg.idleCloseMs);
    o.put("faults", cfg.faults);
    o.put("redis", redis.ping());
    o.put("records_valid", Counters.VALID.get());
    o.put("records_dlq", Counters.DLQ.get());
    o.put("records_aggregated", Counters.AGGREGATED.get());
    o.put("late_dropped", Counters.LATE_DROPPED.get());
    o.put("windows_emitted", Counters.WINDOWS_EMITTED.get());
    o.put("faults_applied", Counters.FAULTS_APPLIED.get());
    o.put("redis_errors", Counters.REDIS_ERRORS.get());
    return new Reply(state == KafkaStreams.State.RUNNING ? 200 : 503, o.toString());
  }

  private Reply windows(Map<String, String> q) throws Exception {
    String key = required(q, "key");
    int limit = intParam(q, "limit", 20);
    boolean fromRedis = "redis".equals(q.get("source"));
    List<String> windows;
    if (fromRedis) {
      windows = redis.windows(key, limit);
    } else {
      KeyQueryMetadata meta = streams.queryMetadataForKey(WindowAggregator.FINAL, key, Serdes.String().serializer());
      HostInfo owner = meta.activeHost();
      if (owner.equals(HostInfo.unavailable())) throw new IllegalStateException("no instance owns key " + key + " yet (rebalancing?)");
      if (!owner.equals(self)) return forward(owner, "/v1/windows", q);
      windows = localWindows(key, limit);
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("source", fromRedis ? "redis" : "streams");
    o.put("key", key);
    o.set("windows", parseAll(windows));
    return new Reply(200, o.toString());
  }

  /** final windows from the window store and open ones from the open-window store, newest first */
  private List<String> localWindows(String key, int limit) {
    List<KeyValue<Long, String>> found = new ArrayList<>();
    ReadOnlyWindowStore<String, String> finals = streams.store(
        StoreQueryParameters.fromNameAndType(WindowAggregator.FINAL, QueryableStoreTypes.windowStore()));
    try (WindowStoreIterator<String> it = finals.backwardFetch(key, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE))) {
      while (it.hasNext() && found.size() < limit) found.add(it.next());
    }
    ReadOnlyKeyValueStore<Bytes, byte[]> open = streams.store(
        StoreQueryParameters.fromNameAndType(WindowAggregator.OPEN, QueryableStoreTypes.keyValueStore()));
    try (KeyValueIterator<Bytes, byte[]> it = open.all()) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> kv = it.next();
        if (!StoreKeys.key(kv.key).equals(key)) continue;
        long start = StoreKeys.start(kv.key);
        found.add(KeyValue.pair(start, Aggregate.fromBytes(kv.value).toJson(key, start, cfg.windowMs, false)));
      }
    }
    found.sort(Comparator.comparingLong((KeyValue<Long, String> kv) -> kv.key).reversed());
    return found.stream().limit(limit).map(kv -> kv.value).toList();
  }

  /** closes every open window whose end + grace is before now, on every instance (they apply it within ~50 ms) */
  private Reply flush(Map<String, String> q) throws Exception {
    long now = System.currentTimeMillis();
    WindowAggregator.FLUSH_AT_MS.accumulateAndGet(now, Math::max);
    int instances = 1;
    if (!q.containsKey("local")) {
      for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
        if (m.hostInfo().equals(self)) continue;
        Reply r = forward("POST", m.hostInfo(), "/v1/flush", Map.of("local", "1"));
        if (r.status() != 200) return r;
        instances++;
      }
    }
    return new Reply(200, JSON.createObjectNode().put("flush_at_ms", now).put("instances", instances).toString());
  }

  private Reply top(Map<String, String> q) throws Exception {
    long start = Long.parseLong(required(q, "window_start"));
    int n = intParam(q, "n", 10);
    boolean fromRedis = "redis".equals(q.get("source"));
    List<JsonNode> rows = new ArrayList<>();
    if (fromRedis) {
      for (String json : redis.top(start, n)) rows.add(JSON.readTree(json));
    } else {
      for (String json : localTop(start)) rows.add(JSON.readTree(json));
      if (!q.containsKey("local")) {
        for (StreamsMetadata m : streams.streamsMetadataForStore(WindowAggregator.FINAL)) {
          if (m.hostInfo().equals(self)) continue;
          Reply r = forward(m.hostInfo(), "/v1/top", withParam(q, "local", "1"));
          if (r.status() != 200) return r;
          JSON.readTree(r.body()).get("keys").forEach(rows::add);
        }
      }
    }
    rows.sort(Comparator.comparingLong((JsonNode j) -> j.get("count").asLong()).reversed()
        .thenComparing(j -> j.get("key").asText()));
    ObjectNode o = JSON.createObjectNode();
    o.put("source", fromRedis ? "redis" : "streams");
    o.put("window_start_ms", start);
    ArrayNode keys = o.putArray("keys");
    // an instance answering for the others returns all its rows; the merge keeps the n highest
    rows.stream().limit(q.containsKey("local") ? Long.MAX_VALUE : n).forEach(keys::add);
    return new Reply(200, o.toString());
  }

  private List<String> localTop(long start) {
    ReadOnlyWindowStore<String, String> finals = streams.store(
        StoreQueryParameters.fromNameAndType(WindowAggregator.FINAL, QueryableStoreTypes.windowStore()));
    List<String> out = new ArrayList<>();
    Instant at = Instant.ofEpochMilli(start);
    try (KeyValueIterator<Windowed<String>, String> it = finals.fetchAll(at, at)) {
      while (it.hasNext()) out.add(it.next().value);
    }
    return out;
  }

  private Reply forward(HostInfo host, String path, Map<String, String> q) throws Exception {
    return forward("GET", host, path, q);
  }

  private Reply forward(String method, HostInfo host, String path, Map<String, String> q) throws Exception {
    StringBuilder uri = new StringBuilder("http://").append(host.host()).append(':').append(host.port()).append(path).append('?');
    for (Map.Entry<String, String> e : q.entrySet()) {
      uri.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).append('&');
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(5))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }

  private static ArrayNode parseAll(List<String> jsons) throws IOException {
    ArrayNode a = JSON.createArrayNode();
    for (String j : jsons) a.add(JSON.readTree(j));
    return a;
  }

  private static Map<String, String> withParam(Map<String, String> q, String k, String v) {
    Map<String, String> m = new HashMap<>(q);
    m.put(k, v);
    return m;
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> m = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) return m;
    for (String part : raw.split("&")) {
      if (part.isEmpty()) continue;
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      m.put(k, eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  private static String required(Map<String, String> q, String name) {
    String v = q.get(name);
    if (v == null || v.isEmpty()) throw new IllegalArgumentException("query parameter " + name + " is required");
    return v;
  }

  private static int intParam(Map<String, String> q, String name, int dflt) {
    String v = q.get(name);
    if (v == null) return dflt;
    try {
      int n = Integer.parseInt(v);
      if (n > 0) return n;
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException(name + " must be a positive integer, got " + v);
  }
}
