#!/usr/bin/env bash
# Runs this project's k6 material in a real k6 binary (built with xk6-kafka v2.1) and, for the
# compatibility corpus, in streamprobe too, comparing both with the expected values.
# Usage:
#   infra/tools/k6-compat.sh bundles K6      every build/*.js in K6, briefly (npm run build first)
#   infra/tools/k6-compat.sh corpus K6       every test/compat/scripts/*.js in K6 and in streamprobe
# Reports go to reports/k6-compat/. Needs KAFKA_BROKERS (default 127.0.0.1:9092). Exit 1 on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:?usage: k6-compat.sh bundles|corpus K6_BINARY}"
k6="${2:?usage: k6-compat.sh bundles|corpus K6_BINARY}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
out=reports/k6-compat
mkdir -p "$out"
failed=0

# Short runs of the bundles: the scripts read their durations and rates from env.
BRIEF=(-e DURATION=5s -e RAMP=2s -e RATE=1000 -e BATCH=50)

run_bundles() {
  local bundle name rc
  for bundle in build/*.js; do
    name="$(basename "$bundle" .js)"
    rc=0
    "$k6" run --quiet "${BRIEF[@]}" -e "TOPIC=k6-compat-$name-$$" --summary-export "$out/bundle-$name.json" "$bundle" \
      > "$out/bundle-$name.log" 2>&1 || rc=$?
    # 99: thresholds crossed on a slow runner; the bundle itself ran
    if [ "$rc" -eq 0 ] || [ "$rc" -eq 99 ]; then
      echo "bundle $name: ran in k6 (exit $rc)"
    else
      echo "bundle $name: FAILED in k6 (exit $rc); last lines:"
      tail -n 20 "$out/bundle-$name.log"
      failed=1
    fi
  done
}

# Prints one field of an expected-values file: `args` and `env` as one k6 argument per line.
expected() {
  node -e '
    const [file, field] = process.argv.slice(1);
    const e = JSON.parse(require("fs").readFileSync(file, "utf8"));
    if (field === "exitCode") console.log(e.exitCode ?? 0);
    if (field === "args") for (const a of e.args ?? []) console.log(a);
    if (field === "env") for (const [k, v] of Object.entries(e.env ?? {})) console.log(`-e\n${k}=${v}`);
  ' "$@"
}

# Runs one corpus script in one engine; prints its verdict: "match", or what differed.
verdict() {
  local engine="$1" script="$2" expect="$3" name="$4" rc=0 want verify=0
  local -a extra=()
  mapfile -t extra < <(expected "$expect" env; expected "$expect" args)
  local export="$out/$name.$engine.json"
  case "$engine" in
    k6) "$k6" run --quiet "${extra[@]}" --summary-export "$export" "$script" > "$out/$name.$engine.log" 2>&1 || rc=$? ;;
    streamprobe) node bin/streamprobe.js run --quiet "${extra[@]}" --summary-export "$export" "$script" > "$out/$name.$engine.log" 2>&1 || rc=$? ;;
  esac
  want="$(expected "$expect" exitCode)"
  npx tsx test/compat/verify.ts "$expect" "$export" > "$out/$name.$engine.verify.log" 2>&1 || verify=$?
  if [ "$rc" -ne "$want" ]; then echo "exit $rc, expected $want"
  elif [ "$verify" -ne 0 ]; then echo "values differ (see $out/$name.$engine.verify.log)"
  else echo match
  fi
}

run_corpus() {
  local script name expect k6_verdict sp_verdict
  for script in test/compat/scripts/*.js; do
    name="$(basename "$script" .js)"
    expect="test/compat/expected/$name.json"
    if [ ! -f "$expect" ]; then echo "corpus $name: no $expect"; failed=1; continue; fi
    k6_verdict="$(verdict k6 "$script" "$expect" "$name")"
    sp_verdict="$(verdict streamprobe "$script" "$expect" "$name")"
    printf 'corpus %-32s k6: %-40s streamprobe: %s\n' "$name" "$k6_verdict" "$sp_verdict"
    if [ "$k6_verdict" != match ] || [ "$sp_verdict" != match ]; then failed=1; fi
  done
}

case "$mode" in
  bundles) run_bundles ;;
  corpus) run_corpus ;;
  *) echo "k6-compat.sh: unknown mode '$mode' (bundles or corpus)" >&2; exit 2 ;;
esac
exit "$failed"
