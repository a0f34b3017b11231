#!/usr/bin/env bash
# k6/http throughput vs wrk: both drive the same empty-response keep-alive server (its own
# process) with the same number of connections, each from one thread; prints requests/s of each
# and the ratio.
# Target: streamprobe >= 0.4 × wrk. Usage: bench/http/run.sh [connections=50] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
conns=${1:-50}
secs=${2:-20}
out=$(mktemp -d)
node --import tsx bench/http/server.ts > "$out/port" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 50); do [ -s "$out/port" ] && break; sleep 0.1; done
port=$(cat "$out/port")

echo "== machine: $(nproc) cores, node $(node --version), $(date -u +%FT%TZ), load before: $(uptime | sed 's/.*load average: //')"
wrk_rps=$(wrk -t1 -c"$conns" -d"${secs}s" "http://127.0.0.1:$port/" | awk '/^Requests\/sec:/ {print $2}')
echo "wrk -t1 -c$conns -d${secs}s:           $wrk_rps requests/s"

# one worker thread, as wrk runs one thread (-t1)
CI=true node bin/streamprobe.js run -q --no-color --workers 1 --summary-export "$out/sp.json" \
  -e PORT="$port" -e VUS="$conns" -e DURATION="${secs}s" bench/http/script.ts > /dev/null
sp_rps=$(node -e 'const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).metrics; console.log(m.http_reqs.rate.toFixed(0), m.http_req_failed.passes)' "$out/sp.json")
set -- $sp_rps
echo "streamprobe --workers 1, constant-vus $conns, ${secs}s: $1 requests/s ($2 failed)"
echo "ratio streamprobe / wrk: $(node -e "console.log(($1 / $wrk_rps).toFixed(2))") (target >= 0.4); load after: $(uptime | sed 's/.*load average: //')"
