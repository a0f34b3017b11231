#!/usr/bin/env bash
# Prints a coverage report (c8: lines, branches and functions per source file) of the unit tests, or of the
# test files or folders given. Usage: test/coverage.sh [unit|integration|e2e|path...]  (default: unit)
# Why c8 and not node's --experimental-test-coverage, and why not tsx: both map V8's ranges back to TypeScript lines
# through source maps, and on tsx's output (whitespace-minified) both get lines wrong: node's report shows functions
# that ran as uncovered, c8 shows functions that never ran as covered. test/coverage-ts.mjs compiles line for line.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then set -- unit; fi
files=()
for arg in "$@"; do
  if [ -d "$arg" ]; then dir=$arg; elif [ -d "test/$arg" ]; then dir=test/$arg; else files+=("$arg"); continue; fi
  while IFS= read -r f; do files+=("$f"); done < <(find "$dir" -name '*.test.ts' | sort)
done
raw=$(mktemp -d)
trap 'rm -rf "$raw"' EXIT
# the project's own sources only: not the tests, vendored or installed packages
npx c8 --temp-directory "$raw" --reporter text --exclude 'test/**' --exclude 'vendor/**' --exclude 'node_modules/**' \
  node --import ./test/coverage-ts.mjs --test --test-concurrency="${TEST_CONCURRENCY:-$(nproc)}" "${files[@]}"
