#!/usr/bin/env bash
# Foundation figures, one command: ./benchmarks/foundation.sh [seconds-of-load]
#  1. time from launch to ready (readiness probe answers 200), for a first start and for a restart on existing
#     data, and resident memory at idle, using ./mooring start exactly as a user does (JDK AOT cache when the JDK
#     is 25+), median of 5;
#  2. register+pair throughput and latency on H2 (embedded default) and on PostgreSQL at 127.0.0.1:5432
#     (skipped when none answers), 16 concurrent clients with one kept-alive connection each, after a warm-up.
# Everything runs on loopback, in throwaway data folders and databases, and stops by itself.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${1:-30}
warmup=${WARMUP:-60} # the JIT compilers need about a minute on 2 cores before throughput settles
clients=${CLIENTS:-16}
port=${BENCH_PORT:-18480}
password=benchmark-admin-password
work=$(mktemp -d)
parts=${PARTS:-startup,h2,postgresql} # which sections to run
source benchmarks/server.sh

if [[ $parts == *startup* ]]; then
echo "== Start-up and idle memory (H2) =="
start_server MOORING_DATA_DIR="$work/warm" # the first start after a build prepares the AOT cache
wait_ready
stop_server
# Measures launch-to-ready of ./mooring start into the named data folder; sets elapsed_ms.
timed_start() {
  local begin
  begin=$(date +%s%N)
  start_server MOORING_DATA_DIR="$1"
  wait_ready
  elapsed_ms=$((($(date +%s%N) - begin) / 1000000))
}
first=() restarts=() rss=()
for i in 1 2 3 4 5; do
  timed_start "$work/start-$i" # creates the database, the account and its administrator
  first+=("$elapsed_ms")
  stop_server
  timed_start "$work/start-$i" # the everyday case: existing data
  restarts+=("$elapsed_ms")
  sleep 5
  rss+=("$(rss_mb "$server_pid")")
  stop_server
done
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
echo "first start (new data folder): ${first[*]} ms, median $(median "${first[@]}") ms"
echo "restart (existing data):       ${restarts[*]} ms, median $(median "${restarts[@]}") ms"
echo "idle RSS 5 s after ready:      ${rss[*]} MB, median $(median "${rss[@]}") MB"
echo "JVM: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); options as ./mooring start sets them"
fi

load() {
  echo "== Register+pair on $1 ($clients clients, ${seconds}s after ${warmup}s warm-up) =="
  shift
  start_server "$@"
  wait_ready
  "$JAVA_HOME/bin/java" -cp "$classpath" io.mooring.benchmarks.RegisterPairLoad \
    "http://127.0.0.1:$port" admin "$password" "$clients" "$warmup" "$seconds"
  echo "server RSS after load: $(rss_mb "$server_pid") MB"
  stop_server
}

[[ $parts != *h2* ]] || load "H2 (embedded file database)" MOORING_DATA_DIR="$work/h2"

if [[ $parts != *postgresql* ]]; then
  :
elif pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  psql -q -h 127.0.0.1 -U postgres -c "drop database if exists mooring_bench" -c "create database mooring_bench" >/dev/null
  load "PostgreSQL $(psql -tA -h 127.0.0.1 -U postgres -c 'show server_version')" MOORING_DATA_DIR="$work/pg" \
    MOORING_DB_URL=jdbc:postgresql://127.0.0.1:5432/mooring_bench MOORING_DB_USER=postgres MOORING_DB_PASSWORD=
  psql -q -h 127.0.0.1 -U postgres -c "drop database if exists mooring_bench" >/dev/null
else
  echo "== PostgreSQL: none answers at 127.0.0.1:5432, skipped =="
fi
