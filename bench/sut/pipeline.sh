#!/usr/bin/env bash
# Issue 8's acceptance benchmark of the reference pipeline, for a quiet machine (everything co-located):
#   (1) e2e: RATE events/s (100,000) via Kafka for DURATION (5m) through the pipeline with PROCESSORS instances (1):
#       scripts/e2e-pipeline.ts with LATENCY_P99_MS=1000 — window-result latency p99 and the oracle's verdict (its
#       thresholds: zero loss, duplicates, mismatches) — plus the CPU per event of the broker, the processors and the
#       load generator (/proc utime + stime over the run);
#   (2) sustainable throughput (scripts/sustainable-throughput.ts) with 1 and with 2 processor instances.
# Each part starts its own pipeline (topic prefix, free ports, no lake: the lake sink is not part of the processing
# path and would take CPU from it) and deletes its topics afterwards.
#   bench/sut/pipeline.sh [--rate 100000] [--batch N] [--duration 5m] [--ramp 5s] [--processors 1] [--threads 1] [--only e2e|sustainable] [--samples]
#                         [--start-rate 20000] [--step-rate 20000] [--steps 6] [--step-duration 1m] [-- sut:up options…]
# Env: KAFKA_BROKERS (the local broker by default). Exit 0 when every part passed its thresholds.
# Results: .cache/bench/<timestamp>-pipeline/ (summaries, logs, cpu.txt, report.txt; timeline.tsv: the machine per second
# during the e2e run, bench/sut/timeline.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/ingest/common.sh
source bench/sut/common.sh

SUT_ARGS=() SAMPLES= RATE=100000 BATCH= DURATION=5m RAMP=5s PROCESSORS=1 THREADS=1 ONLY=all START_RATE=20000 STEP_RATE=20000 STEPS=6 STEP_DURATION=1m
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --batch) BATCH=$2; shift 2 ;; # events per iteration (default: the script's, RATE/200 above 20,000/s)
    --ramp) RAMP=$2; shift 2 ;; # the processors' JIT warms up during the ramp, which e2e-pipeline measures too
    --processors) PROCESSORS=$2; shift 2 ;;
    --samples) SAMPLES=1; shift ;; # every sample to e2e-samples.json: window-result latency over time
    --threads) THREADS=$2; shift 2 ;; # stream threads per processor (e2e only)
    --only) ONLY=$2; shift 2 ;;
    --start-rate) START_RATE=$2; shift 2 ;;
    --step-rate) STEP_RATE=$2; shift 2 ;;
    --steps) STEPS=$2; shift 2 ;;
    --step-duration) STEP_DURATION=$2; shift 2 ;;
    --) shift; SUT_ARGS=("$@"); break ;; # the rest to every sut:up, e.g. -- --commit-interval 50ms
    *) echo "pipeline.sh: unknown option $1 (use --rate N, --batch N, --duration D, --ramp D, --processors N, --threads N, --only e2e|sustainable, --samples, --start-rate N, --step-rate N, --steps N, --step-duration D, -- sut:up options)" >&2; exit 2 ;;
  esac
done

ensure_kafka
OUT=$PWD/$(results_dir pipeline) # absolute: Redis runs in the run folder
echo "results: $OUT (load before: $(load))"
STATUS=0

if [ "$ONLY" = all ] || [ "$ONLY" = e2e ]; then
  echo "== (1) e2e-pipeline: $RATE events/s for $DURATION after a $RAMP ramp, $PROCESSORS processor(s) × $THREADS thread(s), p99 < 1 s, oracle exact"
  sut_up e2e --processors "$PROCESSORS" --threads "$THREADS" "${SUT_ARGS[@]}"
  trap 'sut_down e2e' EXIT
  QUERY_PORT=$(state "$OUT/e2e" 's.processors[0].port')
  PROCESSOR_PIDS=$(state "$OUT/e2e" "s.processors.map((p) => p.pid).join(' ')")
  BROKER=$(broker_pid || true)
  declare -A BEFORE
  for p in $PROCESSOR_PIDS $BROKER; do BEFORE[$p]=$(ticks "$p"); done
  PARTS=(${BROKER:+broker=$BROKER})
  for p in $PROCESSOR_PIDS; do PARTS+=("processor=$p"); done
  bench/sut/timeline.sh "$OUT/timeline.tsv" "${PARTS[@]}" &
  TIMELINE=$!
  trap 'kill "$TIMELINE" 2> /dev/null; sut_down e2e' EXIT
  set +e
  generator /usr/bin/time -v -o "$OUT/e2e.time" node bin/streamprobe.js run -q --no-color \
    -e PREFIX="$PREFIX" -e RATE="$RATE" ${BATCH:+-e BATCH="$BATCH"} -e RAMP="$RAMP" -e DURATION="$DURATION" -e QUERY_URL="http://127.0.0.1:$QUERY_PORT" \
    -e LAKE_URL=none -e LATENCY_P99_MS=1000 ${SAMPLES:+-o "json=$OUT/e2e-samples.json"} --summary-export "$OUT/e2e-summary.json" --summary-trend-stats "$TRENDS" \
    scripts/e2e-pipeline.ts > "$OUT/e2e.log" 2>&1
  E2E=$?
  set -e
  kill "$TIMELINE" 2> /dev/null || true
  # CPU over the whole run (load, drain and verification), per event sent
  SENT=$(node -e "const m = require(process.argv[1]).metrics; console.log(m.kafka_writer_message_count?.count ?? 0)" "$OUT/e2e-summary.json" 2> /dev/null || echo 0)
  per_event() { echo "$(awk -v t="$1" 'BEGIN { printf "%.1f", t / 100 }') s CPU, $(us_per_event "$1" "$SENT") µs per event"; }
  {
    echo "records produced by the load: $SENT"
    for p in $PROCESSOR_PIDS; do echo "processor pid $p: $(per_event $(( $(ticks "$p") - ${BEFORE[$p]} )))"; done
    if [ -n "$BROKER" ]; then echo "broker pid $BROKER: $(per_event $(( $(ticks "$BROKER") - ${BEFORE[$BROKER]} )))"; fi
    echo "load generator: $(resources "$OUT/e2e.time")"
  } > "$OUT/cpu.txt"
  sut_down e2e
  trap - EXIT
  grep -E "oracle:|window_result_latency|stage:|records_lost|✗|thresholds" "$OUT/e2e.log" | head -20 || true
  grep -A3 "slowest windows" "$OUT/e2e.log" || true
  cat "$OUT/cpu.txt"
  echo "   e2e exit $E2E (0 = every threshold passed)"
  [ "$E2E" -eq 0 ] || STATUS=1
fi

if [ "$ONLY" = all ] || [ "$ONLY" = sustainable ]; then
  for n in 1 2; do
    echo "== (2) sustainable throughput, $n processor(s): $STEPS steps from $START_RATE by $STEP_RATE events/s, $STEP_DURATION each"
    sut_up "sustain-$n" --processors "$n" "${SUT_ARGS[@]}"
    trap "sut_down sustain-$n" EXIT
    set +e
    generator node bin/streamprobe.js run -q --no-color -e PREFIX="$PREFIX" -e START_RATE="$START_RATE" -e STEP_RATE="$STEP_RATE" \
      -e STEPS="$STEPS" -e STEP_DURATION="$STEP_DURATION" --summary-export "$OUT/sustain-$n-summary.json" \
      scripts/sustainable-throughput.ts > "$OUT/sustain-$n.log" 2>&1
    S=$?
    set -e
    sut_down "sustain-$n"
    trap - EXIT
    grep -E -A "$((STEPS + 1))" "^sustainable throughput" "$OUT/sustain-$n.log" || tail -5 "$OUT/sustain-$n.log"
    [ "$S" -eq 0 ] || STATUS=1
  done
fi
echo "load after: $(load)"
exit "$STATUS"
