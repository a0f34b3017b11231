#!/usr/bin/env bash
# The main job for a new user: local Kafka and the reference pipeline (sut/), then a one-minute end-to-end test —
# load, result latency, the accuracy oracle's verdict — its summary and report. Extra arguments go to `streamprobe run`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
if [ -z "${KAFKA_BROKERS:-}" ]; then npm run --silent kafka:up; fi
# topics of its own, deleted afterwards, so every demo starts from empty topics
prefix=demo-
npm run --silent sut:up -- --prefix "$prefix"
trap 'npm run --silent sut:down -- --delete-topics' EXIT
mkdir -p reports
status=0
# the HTML report (k6's web dashboard export) without serving the live page
K6_WEB_DASHBOARD=true K6_WEB_DASHBOARD_PORT=-1 K6_WEB_DASHBOARD_EXPORT=reports/report.html \
  node bin/streamprobe.js run scripts/e2e-pipeline.ts \
  -e PREFIX="$prefix" -e RATE="${RATE:-2000}" -e DURATION="${DURATION:-1m}" \
  --summary-export reports/summary.json --junit reports/junit.xml "$@" || status=$?
exit "$status"
