#!/usr/bin/env bash
# The oracle's ledger read-back rate: loads SECONDS s of e2e-pipeline's Kafka load at 100,000 events/s into a fresh
# topic (bench/oracle/ledger-load.ts), reads it back with readLedger under /usr/bin/time (bench/oracle/ledger-read.ts),
# prints records/s and CPU per record, and deletes the topic (~500 MB per 10 s of load).
# Run (broker on KAFKA_BROKERS, default 127.0.0.1:9092): bench/oracle/ledger-read.sh [SECONDS, default 30]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_OF_LOAD=${1:-30}
PREFIX="bench-ledger-$RANDOM$RANDOM-"
RUN_ID="ledger-read-$(date +%s)"
export KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092}
node bin/streamprobe.js run -q -e PREFIX="$PREFIX" -e RUN_ID="$RUN_ID" -e BATCH=500 -e IT_RATE=200 \
  -e DURATION="${SECONDS_OF_LOAD}s" bench/oracle/ledger-load.ts >/dev/null
out=$(/usr/bin/time -f 'cpu %U %S' node bin/streamprobe.js run -q -e PREFIX="$PREFIX" -e RUN_ID="$RUN_ID" -e DELETE_TOPIC=1 \
  bench/oracle/ledger-read.ts 2>&1)
echo "$out" | grep -E 'records of|missing|more than once|comes after|^cpu' | sed 's/^INFO  //; s/ source=console$//'
records=$(echo "$out" | sed -n 's/.*INFO  \([0-9]*\) records of.*/\1/p')
read -r user sys < <(echo "$out" | sed -n 's/^cpu \([0-9.]*\) \([0-9.]*\)$/\1 \2/p')
awk -v r="$records" -v u="$user" -v s="$sys" 'BEGIN { printf "CPU %.1f s user + %.1f s system: %.2f µs per record (process start included)\n", u, s, (u + s) * 1e6 / r }'
