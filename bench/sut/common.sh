# Shared by bench/sut/pipeline.sh and cpu-per-part.sh (sourced after bench/ingest/common.sh; the caller sets $OUT).

# utime + stime of a process in clock ticks; 0 once it has exited
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2> /dev/null || echo 0; }
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

# generator CMD…: runs the load generator (CMD, e.g. /usr/bin/time … node bin/streamprobe.js run …) first in line for
# the CPU, with the page cache written back smoothly meanwhile (writeback_smooth below). On separate machines the
# generator's CPU would not be the pipeline's; co-located at equal priority it falls behind whenever the broker and
# processors peak, and the run measures the generator (inconclusive). So it runs at nice
# GENERATOR_NICE (-5; 0 turns this off) in a session of its own whose autogroup gets the same nice: with the kernel's
# autogroup scheduling on (/proc/sys/kernel/sched_autogroup_enabled), nice only counts within a session, and sut:up and
# kafka:up start each part in a session of its own. A negative nice needs root; without it the generator runs at 0.
GENERATOR_NICE=${GENERATOR_NICE:--5}
generator() {
  writeback_smooth
  local status=0
  generator_run "$@" || status=$?
  writeback_restore
  return "$status"
}
generator_run() {
  if [ "$GENERATOR_NICE" = 0 ]; then "$@"; return; fi
  # in the background so that Ctrl-C, which does not reach the new session, can be passed on to it
  setsid bash -c 'echo "$0" > /proc/self/autogroup 2> /dev/null; [ "$(id -u)" != 0 ] || exec nice -n "$0" "$@"; exec "$@"' \
    "$GENERATOR_NICE" "$@" &
  local pid=$! rc=0
  trap 'kill -INT -- "-$pid" 2> /dev/null' INT TERM
  wait "$pid" || rc=$?
  # a signal ends the wait, not the generator: wait for its graceful stop
  while [ "$rc" -gt 128 ] && kill -0 "$pid" 2> /dev/null; do rc=0; wait "$pid" || rc=$?; done
  trap - INT TERM
  return "$rc"
}

# The co-located broker writes ~65 MB/s at 100,000 events/s. With the kernel's defaults (background writeback at 10 % of
# RAM, pages written once 30 s old) the page cache holds ~1.5 GB dirty and writes it back in bursts of 0.5–1 GB, and in
# those seconds the broker and the processors stall: the slowest windows of a run line up with them (timeline.tsv,
# bench/RESULTS.md, eighth pass). A small background threshold (DIRTY_BACKGROUND_BYTES, default 64 MB; 0 leaves the
# kernel's setting) writes the same bytes as a steady stream, as Kafka operators tune their brokers' hosts. It is
# set for the load only and restored after; it needs root (without it nothing changes).
DIRTY_BACKGROUND_BYTES=${DIRTY_BACKGROUND_BYTES:-67108864}
SAVED_WRITEBACK=
writeback_smooth() {
  [ "$DIRTY_BACKGROUND_BYTES" != 0 ] || return 0
  SAVED_WRITEBACK="$(sysctl -n vm.dirty_background_bytes 2> /dev/null) $(sysctl -n vm.dirty_background_ratio 2> /dev/null)"
  sysctl -q -w vm.dirty_background_bytes="$DIRTY_BACKGROUND_BYTES" 2> /dev/null || SAVED_WRITEBACK=
}
writeback_restore() {
  [ -n "$SAVED_WRITEBACK" ] || return 0
  local bytes ratio
  read -r bytes ratio <<< "$SAVED_WRITEBACK"
  # writing one of the pair zeroes the other, so restore whichever was in use
  if [ "$bytes" != 0 ]; then sysctl -q -w vm.dirty_background_bytes="$bytes"; else sysctl -q -w vm.dirty_background_ratio="$ratio"; fi
  SAVED_WRITEBACK=
}
