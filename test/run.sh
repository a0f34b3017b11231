#!/usr/bin/env bash
# Runs the test suite with node's own test runner (Node 20 has no --test globs).
# Usage: test/run.sh [unit|integration|e2e|path...]   (default: everything)
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
exec node --import tsx --test --test-concurrency=1 "${files[@]}"
