#!/usr/bin/env bash
# Runs the test suite with node's own test runner (Node 20 has no --test globs).
# Usage: test/run.sh [unit|integration|e2e|path...]   (default: everything)
# Unit test files run in parallel (one per core; TEST_CONCURRENCY overrides); integration and end-to-end
# files share one broker and measure real runs, so they run one at a time (INTEGRATION_CONCURRENCY overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then set -- test; fi
files=()
for arg in "$@"; do
  if [ -d "$arg" ]; then
    while IFS= read -r f; do files+=("$f"); done < <(find "$arg" -name '*.test.ts' | sort)
  elif [ -d "test/$arg" ]; then
    while IFS= read -r f; do files+=("$f"); done < <(find "test/$arg" -name '*.test.ts' | sort)
  else
    files+=("$arg")
  fi
done
unit=() serial=()
for f in "${files[@]}"; do
  case "$f" in test/unit/*|./test/unit/*) unit+=("$f") ;; *) serial+=("$f") ;; esac
done
# Integration and end-to-end tests use a real broker: start the local one unless KAFKA_BROKERS names one.
if [ -z "${KAFKA_BROKERS:-}" ] && [ ${#serial[@]} -gt 0 ] && printf '%s\n' "${serial[@]}" | grep -qE '^(\./)?test/(integration|e2e)/'; then
  node --import tsx infra/kafka/up.ts >&2
  echo "test: local Kafka is running on 127.0.0.1:9092 (npm run kafka:down stops it)" >&2
fi
status=0
if [ ${#unit[@]} -gt 0 ]; then
  node --import tsx --test --test-concurrency="${TEST_CONCURRENCY:-$(nproc)}" "${unit[@]}" || status=$?
fi
if [ ${#serial[@]} -gt 0 ]; then
  node --import tsx --test --test-concurrency="${INTEGRATION_CONCURRENCY:-1}" "${serial[@]}" || status=$?
fi
exit "$status"
