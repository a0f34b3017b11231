#!/usr/bin/env bash
# A per-second timeline of the machine while a pipeline benchmark runs, to line up a latency stall (the verdict's
# "slowest windows") with what the machine did at that second: CPU of each part, pressure stall time (PSI: time some
# task waited for CPU, for I/O, for memory), dirty and writeback page cache, and disk writes.
#   bench/sut/timeline.sh OUT.tsv NAME=PID…   (runs until killed; pipeline.sh starts and stops it)
# Columns: UTC time; cpu_wait, io_wait, io_full, mem_wait: ms of stall in that second (/proc/pressure, "some" unless
# "full"); dirty and writeback MB (/proc/meminfo); disk_w MB written in that second (/proc/diskstats); busy and steal:
# the whole machine's CPU in % of one core (200 = both cores of a 2-core machine); then each NAME's.
set -uo pipefail
source "$(dirname "$0")/common.sh" # ticks
OUT=$1
shift
NAMES=() PIDS=()
for np in "$@"; do NAMES+=("${np%%=*}") PIDS+=("${np#*=}"); done

psi() { awk -v kind="$2" '$1 == kind { sub("total=", "", $5); print $5 }' "/proc/pressure/$1" 2> /dev/null || echo 0; }
sectors() { awk '$3 !~ /[0-9]$/ || $3 ~ /^nvme[0-9]+n[0-9]+$/ { s += $10 } END { print s + 0 }' /proc/diskstats; }
# busy and steal ticks of the whole machine
machine() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8, $9 }' /proc/stat; }
sample() {
  echo "$(psi cpu some) $(psi io some) $(psi io full) $(psi memory some) $(sectors) $(machine)"
  for p in "${PIDS[@]}"; do ticks "$p"; done
}

{
  printf 'time\tcpu_wait\tio_wait\tio_full\tmem_wait\tdirty\twriteback\tdisk_w\tbusy\tsteal'
  [ ${#NAMES[@]} -eq 0 ] || printf '\t%s' "${NAMES[@]}"
  echo
} > "$OUT"
HZ=$(getconf CLK_TCK)
read -r -a PREV <<< "$(sample | tr '\n' ' ')"
# to the next whole second, so each row is one second of the clock the verdict's window ends use
to_next_second() {
  local ms=$((1000 - 10#$(date +%3N)))
  printf '%d.%03d' $((ms / 1000)) $((ms % 1000))
}
while sleep "$(to_next_second)"; do
  read -r -a NOW <<< "$(sample | tr '\n' ' ')"
  MEM=$(awk '/^Dirty:/ { d = $2 } /^Writeback:/ { w = $2 } END { printf "%d\t%d", d / 1024, w / 1024 }' /proc/meminfo)
  {
    printf '%s' "$(date -u +%H:%M:%S)"
    for i in 0 1 2 3; do printf '\t%d' $(((NOW[i] - PREV[i]) / 1000)); done
    printf '\t%s\t%d' "$MEM" $(((NOW[4] - PREV[4]) / 2048))
    for ((i = 5; i < ${#NOW[@]}; i++)); do printf '\t%d' $(((NOW[i] - PREV[i]) * 100 / HZ)); done
    echo
  } >> "$OUT"
  PREV=("${NOW[@]}")
done
