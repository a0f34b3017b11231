#!/usr/bin/env bash
# The performance gate, exactly as CI runs it; locally: CI=true infra/ci/perf-gate.sh
#
# Runs a test with an SLO file, compares it with a baseline when one is given, writes the
# artifacts to $REPORTS and the job summary to $GITHUB_STEP_SUMMARY (and $REPORTS/job-summary.md),
# and exits with the gate's code: 0 passed, 99 an SLO broke or a statistic regressed against the
# baseline, 111 the environment failed (Kafka did not start or cannot be reached), 112 the run is
# inconclusive (the load generator was saturated), anything else a test error.
#
# Env (all optional):
#   SCRIPT       test script (scripts/ingest-load.ts)
#   SLO          SLO name in thresholds/ or a .json path, passed to the script as -e SLO (thresholds/ci.json)
#   BASELINE     a stored summary JSON (several runs allowed) to compare with; none by default
#   TOLERANCES   tolerances file for the comparison (streamprobe compare --help)
#   REPORTS      artifacts directory (reports)
#   START_KAFKA  true: start the local Kafka with `npm run kafka:up` first (a failure is exit 111)
#   RUN_ARGS     extra `streamprobe run` flags, split on spaces (e.g. "-e RATE=5000 -e DURATION=1m")
#   JUNIT_FILE   JUnit XML path, written when this streamprobe has --junit ($REPORTS/junit.xml)
#   HTML_REPORT  HTML report path, passed as K6_WEB_DASHBOARD_EXPORT ($REPORTS/report.html)
#   FAIL_ON_INCONCLUSIVE  false: an inconclusive run passes the gate with a warning (true)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
streamprobe=(node "$root/bin/streamprobe.js")
script=${SCRIPT:-scripts/ingest-load.ts}
slo=${SLO-thresholds/ci.json}
reports=${REPORTS:-reports}
baseline=${BASELINE:-}
junit=${JUNIT_FILE:-$reports/junit.xml}
export K6_WEB_DASHBOARD_EXPORT=${K6_WEB_DASHBOARD_EXPORT:-${HTML_REPORT:-$reports/report.html}}
export CI=${CI:-true}

mkdir -p "$reports"
rm -f "$reports"/{summary.json,run.log,compare.md,compare.txt,job-summary.md,kafka-up.log}
group() { if [ "${GITHUB_ACTIONS:-}" = true ]; then echo "::group::$*"; else echo "== $*"; fi; }
endgroup() { if [ "${GITHUB_ACTIONS:-}" = true ]; then echo "::endgroup::"; fi; }

run_code=0
if [ "${START_KAFKA:-false}" = true ]; then
  group "start the local Kafka"
  if ! (cd "$root" && npm run --silent kafka:up) >"$reports/kafka-up.log" 2>&1; then
    run_code=111
    cat "$reports/kafka-up.log"
    echo "ERROR the local Kafka did not start (npm run kafka:up failed; its output is in $reports/kafka-up.log)" >"$reports/run.log"
  fi
  endgroup
fi

if [ "$run_code" = 0 ]; then
  args=(run "$script" --summary-export "$reports/summary.json" --summary-trend-stats 'avg,min,med,max,p(90),p(95),p(99)')
  # a path is made absolute: the script resolves a relative SLO path against its own directory
  if [ -n "$slo" ]; then
    if [ -f "$slo" ]; then slo=$(cd "$(dirname "$slo")" && pwd)/$(basename "$slo"); fi
    args+=(-e "SLO=$slo")
  fi
  if "${streamprobe[@]}" run --help | grep -q -- '--junit'; then args+=(--junit "$junit"); fi
  # shellcheck disable=SC2206 # RUN_ARGS is split on spaces on purpose
  args+=(${RUN_ARGS:-})
  group "streamprobe ${args[*]}"
  # stderr (the log) to the console and to run.log; stdout (the summary) to the console
  { "${streamprobe[@]}" "${args[@]}" 2>&1 1>&3 | tee "$reports/run.log" >&2; } 3>&1
  run_code=${PIPESTATUS[0]}
  endgroup
fi

compare_args=()
if [ -n "$baseline" ] && [ -f "$reports/summary.json" ]; then
  group "streamprobe compare $baseline $reports/summary.json"
  tolerances=()
  if [ -n "${TOLERANCES:-}" ]; then tolerances=(--tolerances "$TOLERANCES"); fi
  "${streamprobe[@]}" compare "$baseline" "$reports/summary.json" "${tolerances[@]}" --markdown "$reports/compare.md" | tee "$reports/compare.txt"
  compare_args=(--compare-code "${PIPESTATUS[0]}")
  endgroup
fi

node --import tsx "$root/infra/ci/write-job-summary.ts" --reports "$reports" --run-code "$run_code" "${compare_args[@]}" \
  --script "$script" --slo "${SLO-thresholds/ci.json}" --baseline "$baseline" --fail-on-inconclusive "${FAIL_ON_INCONCLUSIVE:-true}"
