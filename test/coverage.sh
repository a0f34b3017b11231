#!/usr/bin/env bash
# Prints a coverage report (node's built-in coverage, per source file) of the unit tests,
# or of the test files or folders given. Usage: test/coverage.sh [unit|integration|e2e|path...]  (default: unit)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then set -- unit; fi
files=()
for arg in "$@"; do
  if [ -d "$arg" ]; then dir=$arg; elif [ -d "test/$arg" ]; then dir=test/$arg; else files+=("$arg"); continue; fi
  while IFS= read -r f; do files+=("$f"); done < <(find "$dir" -name '*.test.ts' | sort)
done
# Node 20 has no --test-coverage-include: keep the report's header and the lines of the project's own sources.
node --import tsx --test --experimental-test-coverage --test-concurrency="${TEST_CONCURRENCY:-$(nproc)}" "${files[@]}" |
  grep -vE '^# (test|node_modules|vendor)/'
