#!/usr/bin/env bash
# CPU time streamprobe spends per produced record, against the real broker: max-rate.ts (ingest-load's events,
# or perf-test's fixed payload) run for a fixed number of iterations, minus a run of one iteration per VU (start-up,
# VU init, setup and teardown), divided by the records between them. Process CPU (user + sys, all threads) is what
# the load generator takes from the broker and the pipeline on a shared machine, and it varies far less than a
# rate under other load; prints each round and the median.
#   bench/ingest/cpu-per-event.sh [--payload events|fixed|generate] [--iterations 10000] [--vus 32] [--batch 100] [--rounds 3]
# Env: PARTITIONS (6), KAFKA_BROKERS.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/ingest/common.sh

PAYLOAD=events ITERATIONS=10000 VUS=32 BATCH=100 ROUNDS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --payload) PAYLOAD=$2; shift 2 ;;
    --iterations) ITERATIONS=$2; shift 2 ;;
    --vus) VUS=$2; shift 2 ;;
    --batch) BATCH=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    *) echo "cpu-per-event.sh: unknown option $1 (use --payload events|fixed|generate, --iterations N, --vus N, --batch N, --rounds N)" >&2; exit 2 ;;
  esac
done
if [ "$ITERATIONS" -le "$VUS" ]; then echo "cpu-per-event.sh: --iterations must exceed --vus ($VUS)" >&2; exit 2; fi

ensure_kafka
TOPIC=cpu-per-event-$(date +%s)-$$
trap 'topic delete "$TOPIC" 2> /dev/null || true' EXIT
topic create "$TOPIC"

echo "CPU per record, $PAYLOAD payload: $VUS VUs, $ITERATIONS iterations × $BATCH records, less $VUS iterations (load: $(load))"
# "user sys" CPU seconds of one run of $1 iterations; exits when the run fails
cpu_of() {
  local out
  out=$( { /usr/bin/time -f '%x %U %S' node bin/streamprobe.js run -q --no-color --summary-mode=disabled -e TOPIC="$TOPIC" \
    -e PAYLOAD="$PAYLOAD" -e BATCH="$BATCH" --vus "$VUS" --iterations "$1" bench/ingest/max-rate.ts > /dev/null; } 2>&1 | tail -1)
  if [ "${out%% *}" != 0 ]; then echo "cpu-per-event.sh: the run of $1 iterations failed (exit ${out%% *})" >&2; exit 1; fi
  echo "${out#* }"
}

results=()
for round in $(seq "$ROUNDS"); do
  base=$(cpu_of "$VUS")
  full=$(cpu_of "$ITERATIONS")
  us=$(echo "$base $full" | awk -v n="$(( (ITERATIONS - VUS) * BATCH ))" '{ printf "%.2f", ($3 + $4 - $1 - $2) * 1e6 / n }')
  echo "  round $round: start-up $base s, full $full s (user sys) -> $us µs CPU/record   (load: $(load))"
  results+=("$us")
done
median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "median: $median µs CPU per record ($PAYLOAD)"
