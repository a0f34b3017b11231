#!/usr/bin/env bash
# Ingest acceptance run: scripts/ingest-load.ts at a fixed rate, acks=all, into a fresh topic, then the
# broker's message count checked against what the writer had acknowledged.
#   bench/ingest/run.sh [--rate 150000] [--duration 5m] [--ramp 30s] [--keep-topic]
# Other ingest-load knobs come from the environment (BATCH, PARTITIONS, SLO, USERS, SEED, KAFKA_BROKERS).
# Results: .cache/bench/<timestamp>-ingest/ (summary.json, streamprobe.log, timeline.jsonl, broker.json, report.txt).
# Exit 0 when every check passes.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/ingest/common.sh

RATE=150000 DURATION=5m RAMP=30s KEEP_TOPIC=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --ramp) RAMP=$2; shift 2 ;;
    --keep-topic) KEEP_TOPIC=true; shift ;;
    *) echo "run.sh: unknown option $1 (use --rate N, --duration D, --ramp D, --keep-topic)" >&2; exit 2 ;;
  esac
done
INTERVAL_MS=1000

ensure_kafka
OUT=$(results_dir ingest)
TOPIC=ingest-bench-$(date +%s)
topic create "$TOPIC"
[ "$KEEP_TOPIC" = true ] || trap 'topic delete "$TOPIC" || true' EXIT

echo "== ingest-load: $RATE events/s, ramp $RAMP, steady $DURATION, acks=all, topic $TOPIC ($PARTITIONS partitions)"
echo "   results: $OUT"
echo "   load before: $(load)"
node --import tsx bench/ingest/broker-count.ts --topic "$TOPIC" --watch "$OUT/timeline.jsonl" --interval-ms "$INTERVAL_MS" &
WATCHER=$!
set +e
/usr/bin/time -v -o "$OUT/streamprobe.time" node bin/streamprobe.js run -q --no-color \
  -e RATE="$RATE" -e DURATION="$DURATION" -e RAMP="$RAMP" -e ACKS=-1 -e TOPIC="$TOPIC" -e PARTITIONS="$PARTITIONS" \
  --summary-export "$OUT/summary.json" --summary-trend-stats "$TRENDS" \
  scripts/ingest-load.ts > "$OUT/streamprobe.log" 2>&1
EXIT_CODE=$?
set -e
echo "   load after: $(load)"
sleep $((2 * INTERVAL_MS / 1000)) # two more samples of the final count
kill "$WATCHER"
wait "$WATCHER" || true
if [ ! -f "$OUT/summary.json" ]; then
  echo "streamprobe exited with $EXIT_CODE and wrote no summary; see $OUT/streamprobe.log" >&2
  tail -20 "$OUT/streamprobe.log" >&2
  exit 1
fi
node --import tsx bench/ingest/broker-count.ts --topic "$TOPIC" > "$OUT/broker.json"

echo "   streamprobe: $(resources "$OUT/streamprobe.time")"
echo
set +e
node --import tsx bench/ingest/report.ts --summary "$OUT/summary.json" --broker "$OUT/broker.json" \
  --timeline "$OUT/timeline.jsonl" --rate "$RATE" --ramp "$RAMP" --interval-ms "$INTERVAL_MS" --exit-code "$EXIT_CODE" \
  | tee "$OUT/report.txt"
RESULT=${PIPESTATUS[0]}
exit "$RESULT"
