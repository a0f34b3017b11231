#!/usr/bin/env bash
# The main job for a new user: local Kafka, the default ingestion load test, its summary and report.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
if [ -z "${KAFKA_BROKERS:-}" ]; then npm run --silent kafka:up; fi
mkdir -p reports
exec node bin/streamprobe.js run scripts/ingest-load.ts \
  -e RATE="${RATE:-20000}" -e DURATION="${DURATION:-1m}" \
  --summary-export reports/summary.json "$@"
