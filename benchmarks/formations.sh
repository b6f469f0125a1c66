#!/usr/bin/env bash
# Formation figures, one command: ./benchmarks/formations.sh [seconds-per-level]
# Assign/unassign throughput and latency in one global account as it grows: 10,000 Commerce Cloud systems, then
# 100, 1,000 and 10,000 Side-by-Side Kyma formations of 10 systems each. At each level 16 clients, each with one
# kept-alive connection, assign a system to one of their formations and unassign it again (the account keeps its
# size), after a warm-up; then the same with Task Center formations, whose rules look up the system's other
# formations. Flat figures across the levels show that one change costs the same however many formations there are.
# H2 (embedded default) always, PostgreSQL at 127.0.0.1:5432 when one answers (vacuumed and analysed before each
# warm-up and measurement, as autovacuum would). Everything runs on loopback, in throwaway data folders and
# databases, and stops by itself.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${1:-20}
warmup=${WARMUP:-60} # before the first level (the JIT compilers need about a minute); later levels: 10 s
task_center_seconds=${TASK_CENTER_SECONDS:-10} # 0 leaves Task Center formations out
clients=${CLIENTS:-16}
systems=${SYSTEMS:-10000}
levels=${LEVELS:-100,1000,10000}
port=${BENCH_PORT:-18481}
parts=${PARTS:-h2,postgresql} # which databases to run on
password=benchmark-admin-password
work=$(mktemp -d)
server_pid=""
trap '[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
mkfifo "$work/pause"
exec 9<>"$work/pause" # reading it blocks until the timeout: a sleep that starts no process

# Maven prints its errors on stdout: shown only when the build fails. Tests are not compiled: none run here.
./mooring build -q -Dmaven.test.skip=true -Dspotless.apply.skip=true -Dspotless.check.skip=true >"$work/build.log" ||
  { cat "$work/build.log" >&2; exit 1; }
source <(./mooring env) # JAVA_HOME of the JDK the launcher picked
classpath="benchmarks/target/mooring-benchmarks.jar:$(ls benchmarks/target/lib/*.jar | tr '\n' ':')"

# Starts the server in the background with the given environment; sets server_pid.
start_server() {
  env "$@" MOORING_PORT=$port MOORING_ADMIN_PASSWORD=$password ./mooring start >"$work/server.log" 2>&1 &
  server_pid=$!
}

# One readiness request over bash's /dev/tcp, so that waiting starts no process.
probe_ready() {
  local status=""
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET /actuator/health/readiness HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  read -r -t 5 status <&3 || true
  exec 3<&-
  [[ $status == *" 200 "* ]]
}

wait_ready() {
  for _ in $(seq 1 6000); do
    probe_ready && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; return 1; }
    read -r -t 0.01 -u 9 || true # a 10 ms pause without starting a process
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

# load <title> <maintenance command, run before each warm-up and measurement> <server environment...>
load() {
  echo "== Assign/unassign on $1 ($clients clients, ${seconds}s per level after a ${warmup}s warm-up) =="
  local maintenance=$2
  shift 2
  start_server "$@"
  wait_ready
  # The load stops by itself; the timeout only guards against a server that stops answering.
  timeout 3600 "$JAVA_HOME/bin/java" -cp "$classpath" io.mooring.benchmarks.FormationLoad \
    "http://127.0.0.1:$port" admin "$password" "$clients" "$warmup" "$seconds" "$systems" "$levels" \
    "$task_center_seconds" "$maintenance"
  echo "server RSS after load: $(rss_mb "$server_pid") MB"
  stop_server
}

if [[ $parts == *h2* ]]; then
  load "H2 (embedded file database)" "" MOORING_DATA_DIR="$work/h2" # H2 analyses by itself as tables grow
  echo "H2 database file: $(du -sm "$work/h2" | cut -f1) MB"
fi

if [[ $parts != *postgresql* ]]; then
  :
elif pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  PGOPTIONS="-c client_min_messages=warning" psql -q -h 127.0.0.1 -U postgres \
    -c "drop database if exists mooring_formations" \
    -c "create database mooring_formations" >/dev/null
  # Before each warm-up and measurement, what autovacuum does within a minute in production. Where autovacuum is
  # off (this project's CI database), tables that were never analysed make PostgreSQL look systems up by
  # (account, id) through the (account, name) index, reading every system of the account per lookup.
  vacuum="psql -q -h 127.0.0.1 -U postgres -d mooring_formations -c 'vacuum analyze'"
  [[ ${ANALYZE:-1} == 0 ]] && vacuum="" # ANALYZE=0: measure tables as Mooring leaves them, never analysed
  load "PostgreSQL $(psql -tA -h 127.0.0.1 -U postgres -c 'show server_version')" "$vacuum" MOORING_DATA_DIR="$work/pg" \
    MOORING_DB_URL=jdbc:postgresql://127.0.0.1:5432/mooring_formations MOORING_DB_USER=postgres MOORING_DB_PASSWORD=
  echo "PostgreSQL database: $(psql -tA -h 127.0.0.1 -U postgres \
    -c "select pg_database_size('mooring_formations') / 1048576") MB"
  psql -q -h 127.0.0.1 -U postgres -c "drop database if exists mooring_formations" >/dev/null
else
  echo "== PostgreSQL: none answers at 127.0.0.1:5432, skipped =="
fi
