#!/usr/bin/env bash
# Foundation figures, one command: ./benchmarks/foundation.sh [seconds-of-load]
#  1. time from launch to ready (readiness probe answers 200) and resident memory at idle, using ./mooring start
#     exactly as a user does (JDK AOT cache when the JDK is 25+), median of 5 starts;
#  2. register+pair throughput and latency on H2 (embedded default) and on PostgreSQL at 127.0.0.1:5432
#     (skipped when none answers), 16 concurrent clients, after a warm-up.
# Everything runs on loopback, in throwaway data folders and databases, and stops by itself.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${1:-30}
clients=${CLIENTS:-16}
port=${BENCH_PORT:-18480}
password=benchmark-admin-password
work=$(mktemp -d)
server_pid=""
trap '[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

./mooring build -q -Dspotless.apply.skip=true -Dspotless.check.skip=true >/dev/null
source <(./mooring env) # JAVA_HOME of the JDK the launcher picked
classpath="benchmarks/target/mooring-benchmarks.jar:$(ls benchmarks/target/lib/*.jar | tr '\n' ':')"

# Starts the server in the background with the given environment; sets server_pid.
start_server() {
  env "$@" MOORING_PORT=$port MOORING_ADMIN_PASSWORD=$password ./mooring start >"$work/server.log" 2>&1 &
  server_pid=$!
}

wait_ready() {
  for _ in $(seq 1 3000); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; then return 0; fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; return 1; }
    sleep 0.01
  done
  echo "server did not become ready" >&2
  return 1
}

stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

echo "== Start-up and idle memory (H2, fresh data folder each start) =="
start_server MOORING_DATA_DIR="$work/warm" # the first start after a build prepares the AOT cache
wait_ready
stop_server
starts=()
for i in 1 2 3 4 5; do
  begin=$(date +%s%N)
  start_server MOORING_DATA_DIR="$work/start-$i"
  wait_ready
  starts+=($((($(date +%s%N) - begin) / 1000000)))
  sleep 5
  rss=$(rss_mb "$server_pid")
  echo "start $i: ready after ${starts[-1]} ms, idle RSS ${rss} MB"
  stop_server
done
median=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 3p)
echo "median launch-to-ready: ${median} ms ($("$JAVA_HOME/bin/java" -version 2>&1 | head -1))"

load() {
  echo "== Register+pair on $1 ($clients clients, ${seconds}s after 10s warm-up) =="
  shift
  start_server "$@"
  wait_ready
  "$JAVA_HOME/bin/java" -cp "$classpath" io.mooring.benchmarks.RegisterPairLoad \
    "http://127.0.0.1:$port" admin "$password" "$clients" 10 "$seconds"
  echo "server RSS after load: $(rss_mb "$server_pid") MB"
  stop_server
}

load "H2 (embedded file database)" MOORING_DATA_DIR="$work/h2"

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  psql -q -h 127.0.0.1 -U postgres -c "drop database if exists mooring_bench" -c "create database mooring_bench" >/dev/null
  load "PostgreSQL $(psql -tA -h 127.0.0.1 -U postgres -c 'show server_version')" MOORING_DATA_DIR="$work/pg" \
    MOORING_DB_URL=jdbc:postgresql://127.0.0.1:5432/mooring_bench MOORING_DB_USER=postgres MOORING_DB_PASSWORD=
  psql -q -h 127.0.0.1 -U postgres -c "drop database if exists mooring_bench" >/dev/null
else
  echo "== PostgreSQL: none answers at 127.0.0.1:5432, skipped =="
fi
