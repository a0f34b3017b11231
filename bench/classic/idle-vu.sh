#!/usr/bin/env bash
# Memory of an idle classic VU thread: max RSS of bench/classic/idle.js at VUS VUs minus at 1 VU, per VU.
# CPU-light (the VUs sleep), so it can run on a busy machine. Usage: bench/classic/idle-vu.sh [VUS=41]
set -euo pipefail
cd "$(dirname "$0")/../.."
vus=${1:-41}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
rss_kb() { # rss_kb <vus>
  CI=true /usr/bin/time -v -o "$out/time" node bin/streamprobe.js run -q --no-color -e "VUS=$1" -e DURATION=5s bench/classic/idle.js > /dev/null
  awk -F': ' '/Maximum resident/ {print $2}' "$out/time"
}
one=$(rss_kb 1)
many=$(rss_kb "$vus")
node -e 'const [one, many, n] = process.argv.slice(1).map(Number); console.log(`max RSS: 1 VU ${(one / 1024).toFixed(0)} MB, ${n} VUs ${(many / 1024).toFixed(0)} MB; per idle classic VU: ${((many - one) / 1024 / (n - 1)).toFixed(1)} MB`)' "$one" "$many" "$vus"
