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
source benchmarks/server.sh

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
