# Shared by bench/ingest/run.sh and max-rate.sh (sourced; the caller has cd'ed to the project root).
BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092}
PARTITIONS=${PARTITIONS:-6}
REPLICAS=${REPLICAS:-1}
TRENDS='avg,min,med,max,p(90),p(95),p(99),p(99.9)'

# The local broker unless KAFKA_BROKERS names another cluster; kafka:up is idempotent.
ensure_kafka() {
  if [ -z "${KAFKA_BROKERS:-}" ]; then npm run -s kafka:up > /dev/null; fi
}

# A fresh results folder under .cache/bench/ (git-ignored); prints its path.
results_dir() {
  local dir
  dir=.cache/bench/$(date -u +%Y%m%dT%H%M%SZ)-$1
  mkdir -p "$dir"
  echo "$dir"
}

topic() { # topic create|delete <name>
  node --import tsx bench/ingest/topic.ts "$1" --topic "$2" --partitions "$PARTITIONS" --replicas "$REPLICAS"
}

load() { uptime | sed 's/.*load average: //'; }

# Wall clock, CPU and peak RSS from a /usr/bin/time -v file.
resources() {
  awk -F': ' '/Elapsed \(wall clock\)/ {w=$2} /User time/ {u=$2} /System time/ {s=$2} /Maximum resident/ {r=$2}
    END {printf "wall %s, user %ss, sys %ss, max RSS %.0f MB\n", w, u, s, r/1024}' "$1"
}
