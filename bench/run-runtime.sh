#!/usr/bin/env bash
# Runtime benchmarks: iteration throughput, arrival-rate start lag, trend memory.
# Runs each once under /usr/bin/time -v and prints the numbers with the machine's load.
# Usage: bench/run-runtime.sh   (about 2 minutes; the machine should be otherwise idle)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

metric() { # metric <export.json> <metric> <key>
  node -e 'const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).metrics[process.argv[2]]; console.log(m ? m[process.argv[3]] : 0)' "$@"
}
resources() { # wall clock, CPU and peak RSS from /usr/bin/time -v
  awk -F': ' '/Elapsed \(wall clock\)/ {w=$2} /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {r=$2}
    END {printf "wall %s, user %ss, sys %ss, max RSS %.0f MB\n", w, u, s, r/1024}' "$1"
}

echo "== machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM; node $(node --version); $(date -u +%FT%TZ)"

echo "== empty iterations (shared-iterations, 64 VUs, 3,000,000 iterations; target >= 200,000/s)"
echo "   load before: $(uptime | sed 's/.*load average: //')"
CI=true /usr/bin/time -v -o "$out/empty.time" node bin/streamprobe.js run -q --no-color \
  --summary-export "$out/empty.json" bench/runtime/empty-iterations.ts > /dev/null
echo "   iterations: $(metric "$out/empty.json" iterations count), iterations/s: $(metric "$out/empty.json" iterations rate)"
echo "   $(resources "$out/empty.time")"

echo "== arrival lag (constant-arrival-rate 10,000/s for 60s, 200 VUs; targets p(99) < 5 ms, 0 dropped)"
echo "   load before: $(uptime | sed 's/.*load average: //')"
CI=true /usr/bin/time -v -o "$out/lag.time" node bin/streamprobe.js run -q --no-color \
  --summary-export "$out/lag.json" bench/runtime/arrival-lag.ts > /dev/null
for k in avg med 'p(90)' 'p(99)' 'p(99.9)' max; do printf '   iteration_start_lag %s: %s ms\n' "$k" "$(metric "$out/lag.json" iteration_start_lag "$k")"; done
echo "   iterations: $(metric "$out/lag.json" iterations count), dropped_iterations: $(metric "$out/lag.json" dropped_iterations count)"
echo "   $(resources "$out/lag.time")"

echo "== trend memory (10,000,000 samples into one trend series)"
echo "   load before: $(uptime | sed 's/.*load average: //')"
/usr/bin/time -v -o "$out/mem.time" node --expose-gc --import tsx bench/metrics-memory.ts | sed 's/^/   /'
echo "   $(resources "$out/mem.time")"
echo "   load after: $(uptime | sed 's/.*load average: //')"
