#!/usr/bin/env bash
# Maximum produce rate, back to back at the same record size, acks=all and batching:
#   (a) streamprobe: bench/ingest/max-rate.ts, looping VUs producing ingest-load's events as fast as acknowledged;
#   (b) Kafka's kafka-producer-perf-test --throughput -1 for the same time, with the average record size
#       (key + value + headers) measured in (a), linger.ms = LINGER_MS, batch.size 1 MiB, non-idempotent like
#       streamprobe's producer (perf-producer.ts stops it on time).
# Prints both rates and their ratio (target >= 0.8); exit 0 when the target is met.
#   bench/ingest/max-rate.sh [--duration 60s] [--vus 32] [--batch 100] [--linger-ms 2] [--payload events|fixed]
#                            [--out NAME[=ARG]]... [--no-java]
# --out passes an output to (a) (repeatable, as streamprobe's -o); --no-java skips (b) and prints (a)'s rate only
# (bench/outputs/cost.sh compares (a) with and without outputs that way).
# --payload fixed: (a) sends perf-test's own workload (250-byte values made once, no key, no headers), so the
# ratio compares the two producers alone; events (default) adds ingest-load's generation and stamps to (a).
# Env: PARTITIONS (6), KAFKA_BROKERS, JAVA_PROPS (extra producer props for (b), space-separated).
# Results: .cache/bench/<timestamp>-max-rate/ (summary.json, streamprobe.log, java.txt, report.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/ingest/common.sh

DURATION=60s VUS=32 BATCH=100 LINGER_MS=2 PAYLOAD=events NO_JAVA=false
OUTPUTS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --vus) VUS=$2; shift 2 ;;
    --batch) BATCH=$2; shift 2 ;;
    --linger-ms) LINGER_MS=$2; shift 2 ;;
    --payload) PAYLOAD=$2; shift 2 ;;
    --out) OUTPUTS+=(-o "$2"); shift 2 ;;
    --no-java) NO_JAVA=true; shift ;;
    *) echo "max-rate.sh: unknown option $1 (use --duration D, --vus N, --batch N, --linger-ms N, --payload events|fixed, --out NAME[=ARG], --no-java)" >&2; exit 2 ;;
  esac
done
SECONDS_=$(node --import tsx -e "import('./lib/duration.ts').then((d) => console.log(Math.ceil(d.durationMs(process.argv[1]) / 1000)))" "$DURATION")
BATCH_BYTES=1048576

ensure_kafka
OUT=$(results_dir max-rate)
SP_TOPIC=max-rate-sp-$(date +%s)
JAVA_TOPIC=max-rate-java-$(date +%s)
cleanup() { for t in "$SP_TOPIC" "$JAVA_TOPIC"; do topic delete "$t" 2> /dev/null || true; done; }
trap cleanup EXIT

echo "== (a) streamprobe max-rate.ts ($PAYLOAD payload): $VUS VUs × $BATCH records/iteration, $DURATION, acks=all, linger ${LINGER_MS} ms, sends <= 1 MiB"
echo "   results: $OUT"
echo "   load before: $(load)"
topic create "$SP_TOPIC"
set +e
/usr/bin/time -v -o "$OUT/streamprobe.time" node bin/streamprobe.js run -q --no-color \
  -e TOPIC="$SP_TOPIC" -e DURATION="$DURATION" -e VUS="$VUS" -e BATCH="$BATCH" -e LINGER_MS="$LINGER_MS" -e ACKS=-1 -e PAYLOAD="$PAYLOAD" \
  -e PARTITIONS="$PARTITIONS" --summary-export "$OUT/summary.json" --summary-trend-stats "$TRENDS" "${OUTPUTS[@]}" \
  bench/ingest/max-rate.ts > "$OUT/streamprobe.log" 2>&1
EXIT_CODE=$?
set -e
if [ "$EXIT_CODE" -ne 0 ] || [ ! -f "$OUT/summary.json" ]; then
  echo "streamprobe exited with $EXIT_CODE; see $OUT/streamprobe.log" >&2
  tail -20 "$OUT/streamprobe.log" >&2
  exit 1
fi
echo "   streamprobe: $(resources "$OUT/streamprobe.time")"
topic delete "$SP_TOPIC"
if [ "$NO_JAVA" = true ]; then
  node --import tsx bench/ingest/max-rate-report.ts rate --summary "$OUT/summary.json" | tee "$OUT/report.txt"
  exit 0
fi
RECORD_SIZE=$(node --import tsx bench/ingest/max-rate-report.ts record-size --summary "$OUT/summary.json")

echo "== (b) kafka-producer-perf-test: ${SECONDS_} s × $RECORD_SIZE B records, acks=all, linger.ms=$LINGER_MS, batch.size=$BATCH_BYTES"
echo "   load before: $(load)"
topic create "$JAVA_TOPIC"
# shellcheck disable=SC2086 # JAVA_PROPS is a space-separated list of key=value
node --import tsx bench/ingest/perf-producer.ts --seconds "$SECONDS_" -- --topic "$JAVA_TOPIC" --record-size "$RECORD_SIZE" \
  --throughput -1 --producer-props bootstrap.servers="$BROKERS" acks=all linger.ms="$LINGER_MS" batch.size="$BATCH_BYTES" \
  enable.idempotence=false ${JAVA_PROPS:-} > "$OUT/java.txt" 2>&1 || { tail -20 "$OUT/java.txt" >&2; exit 1; }
echo "   load after: $(load)"
echo
set +e
node --import tsx bench/ingest/max-rate-report.ts compare --summary "$OUT/summary.json" --java "$OUT/java.txt" | tee "$OUT/report.txt"
exit "${PIPESTATUS[0]}"
