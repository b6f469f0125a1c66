#!/usr/bin/env bash
# Destination service figures, one command: ./benchmarks/destinations.sh
# 1. "Find destination" against the framework's ceiling: wrk (64 connections, 2 threads) asks the Destination API for
#    one OAuth2ClientCredentials destination (GET .../destination-configuration/v1/destinations/bench-oauth) with a
#    binding's token, and, as the ceiling, GET /api/v1/me with the same token: the same security filter chain, JWT
#    verification and MVC path, no database. Warm-up of both, then ceiling, find, ceiling, find; requests/s, p50, p99,
#    the server's and wrk's CPU per run and best of; then both again at the same rate, about half of the find's best
#    (64 busy connections only show queueing). The destination's token comes from a token service on loopback run by
#    the load driver, which counts its calls: one call means the token was cached throughout.
# 2. Memory of 100,000 stored destinations: created through the SAP API in arrays of 500; server RSS (and heap after a
#    forced GC), database size before and after; 1,000 random ones found; all listed in pages of 1,000.
# H2 (embedded default) for both; part 2 again on PostgreSQL at 127.0.0.1:5432 when one answers. Everything runs on
# loopback, in throwaway data folders and databases, and stops by itself. wrk is Debian's package: installed with
# apt-get when missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
warmup=${WARMUP:-30}           # seconds, for each of the two endpoints
seconds=${SECONDS_PER_RUN:-20} # seconds per measured run
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
count=${DESTINATIONS:-100000}
batch=${BATCH:-500}
create_clients=${CREATE_CLIENTS:-2}
samples=${SAMPLES:-1000}
port=${BENCH_PORT:-18483}
parts=${PARTS:-h2,postgresql} # h2 runs the load and the memory part, postgresql the memory part
database=mooring_destinations
password=benchmark-admin-password

if ! command -v wrk >/dev/null; then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo=sudo
  if command -v apt-get >/dev/null && { [[ -z $sudo ]] || command -v sudo >/dev/null; }; then
    echo "wrk is missing: installing Debian's wrk package"
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 $sudo apt-get update -q >/dev/null && timeout 600 $sudo apt-get install -y -q wrk >/dev/null ||
      { echo "apt-get could not install wrk; install it (Debian package wrk) and run again" >&2; exit 1; }
  else
    echo "wrk is missing and apt-get cannot install it here; install wrk (Debian package wrk) and run again" >&2
    exit 1
  fi
fi

work=$(mktemp -d)
source benchmarks/server.sh
driver_pid=""
database_made=""
# Replaces server.sh's trap: also ends the load driver and drops the throwaway database.
cleanup() {
  [[ -n $driver_pid ]] && kill "$driver_pid" 2>/dev/null
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  [[ -n $database_made ]] && timeout 60 psql -q -h 127.0.0.1 -U postgres \
    -c "drop database if exists $database with (force)" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

driver=("$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "$classpath" io.mooring.benchmarks.DestinationBench)
summary=$work/summary.txt
failed=0
note() { echo "$*" | tee -a "$summary"; }
pause() { read -r -t "$1" -u 9 || true; } # a pause without starting a process
info() { sed -n "s/^$1=//p" "$work/bench.env"; }

# The server's JVM: ./mooring start replaces itself with java, so it is usually the started process itself.
java_pid() {
  if [[ $(cat "/proc/$server_pid/comm" 2>/dev/null) == java ]]; then
    echo "$server_pid"
  else
    pgrep -P "$server_pid" -x java | head -1
  fi
}

# A full collection in the server (jcmd of the JDK the harness picked), then its RSS and live heap in MB.
after_gc() {
  local pid heap
  pid=$(java_pid)
  timeout 120 "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null
  pause 2
  heap=$(timeout 60 "$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info |
    awk '/^ *(DefNew|Tenured|def new generation|tenured generation)/ {
           for (i = 1; i <= NF; i++) {
             v = $(i + 1); sub(/K.*/, "", v)
             if ($i == "used") used += v
             if ($i == "total") total += v
           }
         }
         END { printf "%.0f MB of %.0f MB", used / 1024, total / 1024 }')
  echo "RSS $(rss_mb "$pid") MB after a full GC, live heap $heap committed"
}

# Starts the set-up driver: it keeps the destination's token service running until its standard input closes.
set_up() {
  rm -f "$work/bench.env" "$work/driver-in"
  mkfifo "$work/driver-in"
  exec 8<>"$work/driver-in" # the only writer: closing it ends the driver's input
  "${driver[@]}" setup "http://127.0.0.1:$port" admin "$password" "$work/bench.env" <"$work/driver-in" 8>&- &
  driver_pid=$!
  for _ in $(seq 1 1200); do
    [[ -s $work/bench.env ]] && return 0
    kill -0 "$driver_pid" 2>/dev/null || { wait "$driver_pid" || true; driver_pid=""; echo "set-up failed" >&2; exit 1; }
    pause 0.1
  done
  echo "set-up did not finish within 2 minutes" >&2
  exit 1
}

# Closes the set-up driver's input: it stops its token service and fails unless the service was called once.
end_set_up() {
  exec 8>&-
  if ! timeout 60 tail --pid="$driver_pid" -f /dev/null; then
    note "FAILED: the set-up driver did not stop within 60 s of its input closing"
    failed=1
    return
  fi
  if wait "$driver_pid"; then
    note "token service calls: 1 (the set-up's find fetched the token; every later find used the cached one)"
  else
    note "FAILED: the token service was not called exactly once (see above)"
    failed=1
  fi
  driver_pid=""
}

# run_wrk <label> <url> <seconds> [wrk options...]: prints "requests/s p50-ms p99-ms non-2xx socket-errors".
# wrk's own output is kept and shown. A request slower than wrk's timeout is counted as a socket error and left out
# of the latencies: 10 s instead of wrk's 2 s keeps slow requests in the distribution.
run_wrk() {
  local label=$1 url=$2 duration=$3 out=$work/wrk-$1.txt
  shift 3
  timeout $((duration + 120)) wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s --latency "$@" \
    -H "Authorization: Bearer $(info TOKEN)" "$url" >"$out" || echo "wrk failed on $label: $(cat "$out")" >&2
  sed "s/^/    [$label] /" "$out" >&2
  awk 'function ms(v) {
         if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
         if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
         if (v ~ /m$/) { sub(/m$/, "", v); return v * 60000 }
         if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 }
         return v + 0 }
       /Requests\/sec:/ { rps = $2 }
       /Latency Distribution/ { dist = 1 }
       dist && $1 == "50%" { p50 = ms($2) }
       dist && $1 == "99%" { p99 = ms($2); dist = 0 }
       /Non-2xx or 3xx responses:/ { non2xx = $NF }
       /Socket errors:/ { errors = $0; sub(/.*Socket errors: */, "", errors); gsub(/ /, "", errors) }
       END { printf "%.0f %.2f %.2f %d %s\n", rps, p50, p99, non2xx, (errors == "" ? "none" : errors) }' "$out"
}

ticks=$(getconf CLK_TCK)
server_ticks() { awk '{ print $14 + $15 }' "/proc/$(java_pid)/stat"; }    # the server's CPU time
# The CPU time of this shell's finished children; read with a builtin, as a subshell would read its own.
children_ticks() {
  local -a stat
  read -r -a stat <"/proc/$BASHPID/stat"
  children=$((stat[15] + stat[16]))
}

# measure <label> <url> [wrk options...]: one run; prints "label requests/s p50 p99 non-2xx errors server-cores wrk-cores".
measure() {
  local label=$1 server_before children children_before row
  server_before=$(server_ticks)
  children_ticks
  children_before=$children
  row=$(run_wrk "$label" "$2" "$seconds" "${@:3}")
  children_ticks
  echo "$label $row" "$(awk -v s=$(($(server_ticks) - server_before)) -v w=$((children - children_before)) \
    -v t="$ticks" -v d="$seconds" 'BEGIN { printf "%.2f %.2f", s / t / d, w / t / d }')"
}

load() {
  local ceiling find label url best delay
  ceiling=$(info ME_URL)
  find=$(info FIND_URL)
  echo "== Find destination vs. ceiling: wrk, $connections connections, $threads threads, on the server's 2 cores =="
  echo "find:    GET $find"
  echo "ceiling: GET $ceiling"
  echo "warming up: ${warmup}s ceiling, ${warmup}s find"
  run_wrk warmup-ceiling "$ceiling" "$warmup" >/dev/null 2>&1
  run_wrk warmup-find "$find" "$warmup" >/dev/null 2>&1
  local -a results=()
  for label in ceiling-1 find-1 ceiling-2 find-2; do
    url=$ceiling
    [[ $label == find* ]] && url=$find
    results+=("$(measure "$label" "$url")")
    echo "${results[-1]}"
  done
  # The same request rate for both, about half of the find's best: each connection waits between its requests.
  # With 64 connections always busy, every request queues behind the others (Little's law: mean latency =
  # 64 / throughput), so the saturated runs cannot show what one request costs; these runs can.
  best=$(printf '%s\n' "${results[@]}" | awk '$1 ~ /^find/ && $2 > f { f = $2 } END { print f + 0 }')
  delay=$(awk -v f="$best" -v c="$connections" 'BEGIN { printf "%d", (f > 0 ? 2000 * c / f : 100) }')
  printf 'function delay()\n  return %d\nend\n' "$delay" >"$work/paced.lua"
  echo "paced runs: each connection waits $delay ms between its requests"
  for label in ceiling-paced find-paced; do
    url=$ceiling
    [[ $label == find* ]] && url=$find
    results+=("$(measure "$label" "$url" -s "$work/paced.lua")")
    echo "${results[-1]}"
  done
  {
    echo
    echo "| run | endpoint | requests/s | p50 ms | p99 ms | server cores | wrk cores | non-2xx | socket errors |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
    printf '%s\n' "${results[@]}" | awk '{ split($1, r, "-"); printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
      r[2], (r[1] == "find" ? "find destination" : "ceiling /api/v1/me"), $2, $3, $4, $7, $8, $5, $6 }'
    printf '%s\n' "${results[@]}" | awk -v target_ratio=70 -v target_p99=5 -v delay="$delay" '
      $1 ~ /^ceiling-[0-9]/ && $2 > c { c = $2 }
      $1 ~ /^find-[0-9]/ { if ($2 > f) { f = $2; fp50 = $3; fp99 = $4 } if (worst == "" || $4 > worst) worst = $4 }
      $1 == "ceiling-paced" { cr = $2; cp50 = $3; cp99 = $4 }
      $1 == "find-paced" { pr = $2; pp50 = $3; pp99 = $4 }
      $5 > 0 { bad = bad " " $1 "(" $5 " non-2xx)" }
      END {
        ratio = 100 * f / c
        printf "best of: ceiling %d requests/s; find %d requests/s (p50 %.2f ms, p99 %.2f ms; worst find p99 %.2f ms)\n",
          c, f, fp50, fp99, worst
        printf "find/ceiling: %.1f %% (target >= %d %%: %s)\n", ratio, target_ratio, (ratio >= target_ratio ? "met" : "NOT met")
        printf "find p99 with 64 connections always busy: %.2f ms in the best run, %.2f ms at worst (target < %d ms: %s)\n",
          fp99, worst, target_p99, (worst < target_p99 ? "met" : (fp99 < target_p99 ? "met in the best run only" : "NOT met"))
        printf "paced (each connection waits %d ms): find %d requests/s, p50 %.2f ms, p99 %.2f ms (target < %d ms: %s);" \
          " ceiling %d requests/s, p50 %.2f ms, p99 %.2f ms\n", delay, pr, pp50, pp99, target_p99,
          (pp99 < target_p99 ? "met" : "NOT met"), cr, cp50, cp99
        if (bad != "") printf "FAILED runs, non-2xx responses:%s\n", bad
      }'
    echo "wrk ran on the same 2 cores as the server, taking part of the CPU both endpoints could have had."
  } | tee -a "$summary"
  if grep -q "^FAILED" "$summary"; then failed=1; fi
}

# memory <label> <disk-size command>: part 2 against the running server, set up already.
memory() {
  local label=$1 disk=$2 before after
  echo "== $count destinations on $label: memory and disk =="
  note "-- $label: $count destinations --"
  note "server before: RSS $(rss_mb "$(java_pid)") MB; $(after_gc)"
  before=$(eval "$disk")
  note "database before: $before bytes"
  timeout 3600 "${driver[@]}" populate "$work/bench.env" "$count" "$batch" "$create_clients" | tee -a "$summary"
  note "server after creating: RSS $(rss_mb "$(java_pid)") MB; $(after_gc)"
  pause 5 # H2 writes its file in the background
  after=$(eval "$disk")
  note "database after: $after bytes: $(((after - before) / count)) bytes per destination (with its audit event)"
  timeout 3600 "${driver[@]}" read "$work/bench.env" "$count" "$samples" | tee -a "$summary" || failed=1
  note "server after reading: RSS $(rss_mb "$(java_pid)") MB; $(after_gc)"
}

{
  echo "== destinations.sh on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
    "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)," \
    "$(date -u +%Y-%m-%dT%H:%MZ) =="
} | tee -a "$summary"

if [[ $parts == *h2* ]]; then
  start_server MOORING_DATA_DIR="$work/h2" MOORING_PUBLIC_URL="http://127.0.0.1:$port"
  wait_ready
  set_up
  load
  end_set_up
  note "H2 file after the set-up: $(du -sk "$work/h2" | cut -f1) kB"
  memory "H2 (embedded file database)" "du -sb '$work/h2' | cut -f1"
  stop_server
  note "H2 folder after the server stopped (H2 compacts on close): $(du -sb "$work/h2" | cut -f1) bytes"
fi

if [[ $parts != *postgresql* ]]; then
  :
elif pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  PGOPTIONS="-c client_min_messages=warning" psql -q -h 127.0.0.1 -U postgres \
    -c "drop database if exists $database" -c "create database $database" >/dev/null
  database_made=1
  start_server MOORING_DATA_DIR="$work/pg" MOORING_PUBLIC_URL="http://127.0.0.1:$port" \
    MOORING_DB_URL=jdbc:postgresql://127.0.0.1:5432/$database MOORING_DB_USER=postgres MOORING_DB_PASSWORD=
  wait_ready
  set_up
  end_set_up # no load here: the token service only serves the set-up's check
  sql() { psql -tA -h 127.0.0.1 -U postgres -d "$database" -c "$1"; }
  memory "PostgreSQL $(psql -tA -h 127.0.0.1 -U postgres -c 'show server_version')" \
    "sql \"select pg_total_relation_size('destinations') + pg_total_relation_size('audit_events')\""
  note "PostgreSQL after: destinations $(sql "select pg_total_relation_size('destinations')") bytes" \
    "($(sql "select pg_total_relation_size('destinations') / (select count(*) from destinations)") per destination," \
    "table and indexes), audit_events $(sql "select pg_total_relation_size('audit_events')") bytes"
  stop_server
  psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $database" >/dev/null
  database_made=""
else
  note "== PostgreSQL: none answers at 127.0.0.1:5432, skipped =="
fi

echo
echo "== Summary =="
cat "$summary"
if ((failed)); then
  echo "FAILED: see above"
  exit 1
fi
