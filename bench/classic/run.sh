#!/usr/bin/env bash
# Classic mode vs async mode on the same Kafka workload (bench/classic/workload.js): messages/s
# written and read, peak RSS, and memory per classic VU (RSS at VUS VUs vs at 1 VU).
# Usage: bench/classic/run.sh [DURATION=30s] [VUS=50]   (broker at KAFKA_BROKERS or 127.0.0.1:9092;
# the machine should be otherwise idle). Target: classic >= 0.5x async messages/s.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-30s}
vus=${2:-50}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

metric() { # metric <export.json> <metric> <key>
  node -e 'const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).metrics[process.argv[2]]; console.log(m ? m[process.argv[3]] : 0)' "$@"
}
rss_mb() { awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$1"; }

run() { # run <name> <script> <vus> [mode flag...]
  local name=$1 script=$2 n=$3
  shift 3
  echo "   load before: $(uptime | sed 's/.*load average: //')" >&2
  CI=true /usr/bin/time -v -o "$out/$name.time" node bin/streamprobe.js run -q --no-color "$@" \
    --summary-export "$out/$name.json" -e "TOPIC=bench-classic-$name-$$-$(date +%s)" -e "VUS=$n" -e "DURATION=$duration" \
    "bench/classic/$script" > /dev/null
  printf '%-14s VUs %3s  written %8.0f msg/s  read %8.0f msg/s  iterations %6s  checks %s  max RSS %s MB\n' "$name" "$n" \
    "$(metric "$out/$name.json" kafka_writer_message_count rate)" "$(metric "$out/$name.json" kafka_reader_message_count rate)" \
    "$(metric "$out/$name.json" iterations count)" "$(metric "$out/$name.json" checks value)" "$(rss_mb "$out/$name.time")"
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM; node $(node --version); $(date -u +%FT%TZ); $duration per run"
run async async.js "$vus"
run classic classic.js "$vus"
run classic-1vu classic.js 1
classic=$(metric "$out/classic.json" kafka_writer_message_count rate)
async=$(metric "$out/async.json" kafka_writer_message_count rate)
node -e 'const [c, a, r50, r1, n] = process.argv.slice(1).map(Number); console.log(`classic/async written msg/s: ${(c / a).toFixed(2)}x; memory per classic VU: ${((r50 - r1) / (n - 1)).toFixed(1)} MB`)' \
  "$classic" "$async" "$(rss_mb "$out/classic.time")" "$(rss_mb "$out/classic-1vu.time")" "$vus"
