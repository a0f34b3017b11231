#!/usr/bin/env bash
# What the outputs cost: bench/ingest/max-rate.sh's streamprobe rate without outputs and with all of them on
# (json and csv files, experimental-prometheus-rw into a local Debian prometheus, and the web dashboard when
# the build has it), alternating ROUNDS times. Target: the outputs cost < 10 % of the maximum rate.
#   bench/outputs/cost.sh [--duration 60s] [--rounds 2] [max-rate.sh options...]
# Needs a quiet machine. Results: .cache/bench/<timestamp>-outputs-cost/ (report.txt, per-run folders' paths).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/ingest/common.sh

DURATION=60s ROUNDS=2 PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    *) PASS+=("$1"); shift ;;
  esac
done
OUT=$(results_dir outputs-cost)

# Prometheus on a free loopback port, its storage in the results folder.
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
printf 'global:\n  scrape_interval: 1m\n' > "$OUT/prometheus.yml"
prometheus --config.file="$OUT/prometheus.yml" --storage.tsdb.path="$OUT/prometheus-data" --web.listen-address=127.0.0.1:"$PORT" \
  --web.enable-remote-write-receiver --enable-feature=native-histograms --log.level=warn > "$OUT/prometheus.log" 2>&1 &
PROM_PID=$!
trap 'kill "$PROM_PID" 2> /dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/-/ready" > /dev/null; do sleep 0.2; done
export K6_PROMETHEUS_RW_SERVER_URL=http://127.0.0.1:$PORT/api/v1/write K6_PROMETHEUS_RW_TREND_STATS='p(50),p(95),p(99)'

ALL=(--out "json=$OUT/results.json" --out "csv=$OUT/results.csv" --out experimental-prometheus-rw)
AVAILABLE=$(node --import tsx -e "import('./runtime/output/registry.ts').then((m) => console.log(Object.keys(m.OUTPUTS).join(' ')))")
if [[ " $AVAILABLE " == *" web-dashboard "* ]]; then ALL+=(--out web-dashboard); fi
echo "outputs on: ${ALL[*]}" | tee "$OUT/report.txt"

rate() { # rate <label> [max-rate.sh options]: runs once, prints the events/s
  local label=$1; shift
  local line
  line=$(bench/ingest/max-rate.sh --no-java --duration "$DURATION" "${PASS[@]}" "$@" | tee -a "$OUT/$label.log" | grep '^events/s')
  echo "$label: $line" >> "$OUT/report.txt"
  echo "$line" | awk '{print $2}'
}

without=() with=()
for round in $(seq 1 "$ROUNDS"); do
  without+=("$(rate "round$round-without")")
  with+=("$(rate "round$round-with" "${ALL[@]}")")
done
node -e '
  const [a, b] = [process.argv[1], process.argv[2]].map((s) => s.split(" ").map(Number));
  const avg = (xs) => xs.reduce((x, y) => x + y, 0) / xs.length;
  const cost = 1 - avg(b) / avg(a);
  console.log(`without outputs ${a.join(", ")} events/s; with all outputs ${b.join(", ")} events/s`);
  console.log(`cost ${(cost * 100).toFixed(1)} % (target < 10 %): ${cost < 0.1 ? "PASS" : "FAIL"}`);
  process.exit(cost < 0.1 ? 0 : 1);
' "${without[*]}" "${with[*]}" | tee -a "$OUT/report.txt"
