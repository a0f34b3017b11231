#!/usr/bin/env bash
# CPU per event of each part of the co-located pipeline at one rate: the processors, the broker and the load generator
# (streamprobe), from /proc utime + stime over a sustainable-throughput run of a single step (RAMP, then DURATION at
# RATE), with the step's median window-result latency. For A/B runs of a setting: run it twice, back to back.
#   bench/sut/cpu-per-part.sh [--rate 100000] [--ramp 30s] [--duration 60s] [--batch N] [-- sut:up options…]
# e.g. bench/sut/cpu-per-part.sh --rate 80000 -- --processors 2 --commit-interval 200ms
# Env: KAFKA_BROKERS (the local broker by default). Results: .cache/bench/<timestamp>-cpu-per-part/.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/ingest/common.sh
source bench/sut/common.sh

RATE=100000 RAMP=30s DURATION=60s BATCH=
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE=$2; shift 2 ;;
    --ramp) RAMP=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --batch) BATCH=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "cpu-per-part.sh: unknown option $1 (use --rate N, --ramp D, --duration D, --batch N, then -- sut:up options)" >&2; exit 2 ;;
  esac
done

ensure_kafka
OUT=$PWD/$(results_dir cpu-per-part) # absolute: Redis runs in the run folder
sut_up cpu "$@"
trap 'sut_down cpu' EXIT
PROCESSORS=$(state "$OUT/cpu" "s.processors.map((p) => p.pid).join(' ')")
BROKER=$(broker_pid || true)
declare -A BEFORE
for p in $PROCESSORS $BROKER; do BEFORE[$p]=$(ticks "$p"); done
generator /usr/bin/time -f "%U %S" -o "$OUT/time" node bin/streamprobe.js run -q --no-color -e PREFIX="$PREFIX" -e START_RATE="$RATE" \
  -e STEP_RATE=0 -e STEPS=1 -e STEP_RAMP="$RAMP" -e STEP_DURATION="$DURATION" ${BATCH:+-e BATCH="$BATCH"} \
  --summary-export "$OUT/summary.json" scripts/sustainable-throughput.ts > "$OUT/run.log" 2>&1 || true
SENT=$(node -e "console.log(require(process.argv[1]).metrics.kafka_writer_message_count.count)" "$OUT/summary.json")
{
  echo "rate $RATE, sut:up $*, $SENT events sent (load before: $(load))"
  for p in $PROCESSORS; do echo "  processor pid $p: $(us_per_event $(( $(ticks "$p") - ${BEFORE[$p]} )) "$SENT") µs CPU per event"; done
  [ -z "$BROKER" ] || echo "  broker pid $BROKER: $(us_per_event $(( $(ticks "$BROKER") - ${BEFORE[$BROKER]} )) "$SENT") µs CPU per event"
  echo "  load generator: $(tail -1 "$OUT/time" | awk -v n="$SENT" '{ printf "%.2f", ($1 + $2) * 1e6 / n }') µs CPU per event (with its start-up)"
  grep -E "events/s: median|iteration_start_lag" "$OUT/run.log" | sed 's/^ */  /'
} | tee "$OUT/report.txt"
