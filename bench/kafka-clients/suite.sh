#!/usr/bin/env bash
# Runs the whole Node.js Kafka client comparison against a running broker (npm run kafka:up) and prints JSON lines:
#   bench/kafka-clients/suite.sh [duration_s=20] [repeats=2] | tee .cache/bench/kafka-clients.jsonl
# Produce runs alternate clients so background load on a shared machine hits both alike.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-20}
REPEATS=${2:-2}
BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092}
BATCH=200
INFLIGHT=4
export KAFKAJS_NO_PARTITIONER_WARNING=1
run() { npx tsx bench/kafka-clients/run.ts --duration "$DURATION" --batch "$BATCH" --inflight "$INFLIGHT" "$@"; }

for rep in $(seq "$REPEATS"); do
  for acks in all 1; do
    for client in platformatic kafkajs; do run --client "$client" --mode produce --acks "$acks"; done
  done
done

# Consume: one topic filled once, read whole by each client with a fresh group.
TOPIC=bench-consume-$(date +%s)
FILL=$(run --client platformatic --mode produce --acks 1 --topic "$TOPIC" --keep-topic)
echo "$FILL"
COUNT=$(node -p "JSON.parse(process.argv[1]).messages" "$FILL")
for client in platformatic kafkajs; do run --client "$client" --mode consume --topic "$TOPIC" --messages "$COUNT"; done
npm run -s kafka:perf -- consumer --bootstrap-server "$BROKERS" --topic "$TOPIC" --messages "$COUNT" --timeout 60000 \
  | tail -1 | sed 's/^/# kafka-consumer-perf-test: /'

# Kafka's own Java producer at the same record size and acks, batching ~ one 200 × 250 B request (64 KiB batches).
for acks in all 1; do
  JTOPIC=bench-java-$acks-$(date +%s)
  npm run -s kafka:perf -- topics --bootstrap-server "$BROKERS" --create --topic "$JTOPIC" --partitions 6 --replication-factor 1 >/dev/null
  npm run -s kafka:perf -- producer --topic "$JTOPIC" --num-records $((80000 * DURATION)) --record-size 250 --throughput -1 \
    --producer-props bootstrap.servers="$BROKERS" acks="$acks" linger.ms=5 batch.size=65536 \
    | tail -1 | sed "s/^/# kafka-producer-perf-test acks=$acks: /"
  npm run -s kafka:perf -- topics --bootstrap-server "$BROKERS" --delete --topic "$JTOPIC" >/dev/null
done
npm run -s kafka:perf -- topics --bootstrap-server "$BROKERS" --delete --topic "$TOPIC" >/dev/null
