# Shared by bench/sut/pipeline.sh and cpu-per-part.sh (sourced after bench/ingest/common.sh; the caller sets $OUT).

# utime + stime of a process in clock ticks
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
# µs of CPU per event: us_per_event TICKS EVENTS
us_per_event() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.2f", (n > 0 ? t * 10000 / n : 0) }'; }
broker_pid() { ss -Hltnp "sport = :${BROKERS##*:}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
# state DIR EXPR: EXPR over a pipeline's state.json (as s)
state() { node -e "const s = require(process.argv[1]); console.log(eval(process.argv[2]))" "$1/state.json" "$2"; }

# sut_up NAME [sut:up options…]: a pipeline of its own under $OUT/NAME, no lake, free ports, prefix bench-NAME-<time>-
sut_up() {
  local name=$1
  shift
  PREFIX=bench-$name-$(date +%s)-
  npm run -s sut:up -- --prefix "$PREFIX" --dir "$OUT/$name" --no-lake --redis-port 0 --ingest-port 0 --lake-port 0 \
    --query-port 0 "$@" > "$OUT/$name-up.log" 2>&1 ||
    { tail -20 "$OUT/$name-up.log" >&2; sut_down "$name"; exit 1; }
}
sut_down() { npm run -s sut:down -- --dir "$OUT/$1" --delete-topics > /dev/null 2>&1 || true; }
