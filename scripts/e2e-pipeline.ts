/**
 * End-to-end test of a streaming analytics pipeline (the reference pipeline of sut/, or any that
 * honours sut/README.md's contract): realistic stamped events at an open-model rate, via Kafka or
 * the ingestion gateway; meanwhile the outputs are watched for latency; after the load the
 * accuracy oracle reads the input topic back, waits for the pipeline to drain and diffs the
 * aggregates topic, Redis and the state stores (query API) and the lake against what the
 * declared window semantics give. Thresholds gate the oracle's metrics and the result latency.
 *
 * Env (docs/scripts/e2e-pipeline.md): VIA (kafka | gateway), RATE events/s (2000), BATCH (100; above 20,000 events/s, RATE/200),
 * RAMP (5s), DURATION (1m), SEED (1), USERS (100000), PAGES (200), MALFORMED (0.01), LATE (0.001),
 * DUPLICATES (0), OUT_OF_ORDER (0), PREFIX (''), WINDOW (5s), GRACE (250ms), IDLE_CLOSE (30s),
 * UNCERTAIN (1s), DRAIN_TIMEOUT (60s), VERIFY_TIMEOUT (10m), QUERY_URL (http://127.0.0.1:8090),
 * LAKE_URL (http://127.0.0.1:8089; none = no lake), INGEST_URL (http://127.0.0.1:8088),
 * LATENCY_P99_MS (2000), RUN_ID (generated), SLO (none), KAFKA_BROKERS (127.0.0.1:9092).
 */
import http from 'k6/http';
import { loadVia, loadViaGateway, loadViaKafka, setupRun, verifyRun, type RunData } from '../lib/pipeline/e2e.ts';

export { options } from '../lib/pipeline/e2e.ts';

export function setup(): RunData {
  return setupRun();
}

export async function load(data: RunData): Promise<void> {
  if (loadVia === 'gateway') await loadViaGateway(data, (url, body, params) => http.post(url, body, params));
  else await loadViaKafka(data);
}

export async function verify(data: RunData): Promise<void> {
  await verifyRun(data, (url) => http.get(url));
}
