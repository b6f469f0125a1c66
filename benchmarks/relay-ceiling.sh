#!/usr/bin/env bash
# How much of direct bulk throughput a tunnel could keep on this machine at best: ./benchmarks/relay-ceiling.sh
# The connectivity target asks a tunnel for at least 50 % of direct MiB/s with 1 MiB answers. This measures the same
# load (wrk, 8 connections, 1 MiB answers from BenchBackend, as in connectivity.sh) through plaintext relays that do
# nothing but copy: socat with a 256 KiB buffer and one process pair per connection, no framing, no encryption, no
# multiplexing. A relay's process reads each byte out of one socket and writes it into the next; one hop adds two
# copies, two hops (the shape of any tunnel: a cloud end and an on-premise end) add four. A tunnel that also frames
# and encrypts can only be slower than the two-hop relay on the same cores.
#   direct     wrk -> back end
#   relay-1    wrk -> socat -> back end
#   relay-2    wrk -> socat -> socat -> back end
# Environment (defaults): ROUNDS=3 (the three paths take turns in each round; the table gives every round and the
# median), DURATION=10 and WARMUP=5 (seconds per run), CONNECTIONS=8, THREADS=2 (wrk's), BUFFER=262144 (socat's
# -b), BUILD=1 (0: use the benchmarks jar as built), RELAY_PORT=18701 (relay-1's; relay-2's two are the next ones).
# Loopback only; every process is stopped on exit; wrk and socat are installed with apt-get when missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
rounds=${ROUNDS:-3}
duration=${DURATION:-10}
warmup=${WARMUP:-5}
connections=${CONNECTIONS:-8}
threads=${THREADS:-2}
buffer=${BUFFER:-262144}
build=${BUILD:-1}
hop=${RELAY_PORT:-18701}
first=$((hop + 1))
second=$((hop + 2))

source benchmarks/loopback.sh # apt_install, listening, port_free, start_backend, backend_port_of
command -v wrk >/dev/null || apt_install wrk wrk
command -v socat >/dev/null || apt_install socat socat
port_free "$hop" "$first" "$second" || exit 1

work=$(mktemp -d)
pids=()
cleanup() {
  set +e
  local pid
  for pid in "${pids[@]}"; do pkill -P "$pid" 2>/dev/null; kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

if [[ $build == 1 ]]; then
  ./mooring build -q -pl benchmarks -am -Dmaven.test.skip=true -Dspotless.apply.skip=true \
    -Dspotless.check.skip=true >"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
fi
source <(./mooring env)
classpath="benchmarks/target/mooring-benchmarks.jar:$(ls benchmarks/target/lib/*.jar | tr '\n' ':')"

await_port() {
  local _
  for _ in $(seq 1 300); do listening "$1" && return 0; sleep 0.1; done
  echo "nothing listens on 127.0.0.1:$1 after 30 s" >&2
  exit 1
}

start_backend "$work/backend.log" 1
pids+=("$backend_pid")
for _ in $(seq 1 300); do [[ -z $(backend_port_of "$work/backend.log") ]] || break; sleep 0.1; done
backend_port=$(backend_port_of "$work/backend.log")
[[ -n $backend_port ]] || { cat "$work/backend.log" >&2; exit 1; }

# relay <listen port> <target port>: a socat that copies each accepted connection to the target, as its best users
# set it for bulk (a large buffer; TCP_NODELAY on both sockets, which costs nothing here).
relay() {
  # wrk closes its connections mid-answer at the end of each run, which socat logs as broken pipes.
  socat -b "$buffer" "TCP-LISTEN:$1,bind=127.0.0.1,reuseaddr,fork,nodelay" "TCP:127.0.0.1:$2,nodelay" \
    2>>"$work/socat.log" &
  pids+=($!)
  await_port "$1"
}
relay "$hop" "$backend_port"
relay "$second" "$backend_port"
relay "$first" "$second"

declare -A url=([direct]=$backend_port [relay-1]=$hop [relay-2]=$first)
paths=(direct relay-1 relay-2)
bulk() { # <port> <seconds> <out>
  timeout $(($2 + 60)) wrk -t"$threads" -c"$connections" -d"${2}s" --timeout 10s "http://127.0.0.1:$1/bulk" >"$3" 2>&1
}

socat_version=$(socat -V | sed -n 's/^socat version \([^ ]*\).*/socat \1/p')
echo "== relay-ceiling.sh on $(nproc) cores, Linux $(uname -r), $socat_version," \
  "$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), $(date -u +%Y-%m-%dT%H:%MZ) =="
echo "1 MiB answers on $connections connections; $warmup s warm-up + $duration s measured per run; socat -b $buffer"
echo "warming the back end's JVM up: 20 s"
bulk "$backend_port" 20 "$work/warmup.txt"

for round in $(seq 1 "$rounds"); do
  for path in "${paths[@]}"; do
    bulk "${url[$path]}" "$warmup" "$work/warm.txt"
    bulk "${url[$path]}" "$duration" "$work/run.txt"
    grep -q 'Non-2xx\|Socket errors' "$work/run.txt" && { cat "$work/run.txt" >&2; echo "$path: errors" >&2; exit 1; }
    mib=$(awk '/Requests\/sec:/ { printf "%.0f", $2 }' "$work/run.txt") # 1 MiB bodies per second
    echo "$path $round $mib" | tee -a "$work/results"
  done
done

echo
echo "| path | MiB/s, each round | median | share of direct (median of the rounds' shares) |"
echo "|---|---|---:|---:|"
awk -v paths="${paths[*]}" '
  { v[$1, $2] = $3; n = ($2 > n ? $2 : n) }
  function median(a, k,   i, j, t) {
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  END {
    np = split(paths, p, " ")
    for (i = 1; i <= np; i++) {
      list = ""; delete m; delete s
      for (r = 1; r <= n; r++) {
        list = list (r > 1 ? " / " : "") v[p[i], r]
        m[r] = v[p[i], r]
        s[r] = 100 * v[p[i], r] / v["direct", r]
      }
      share = p[i] == "direct" ? "–" : sprintf("%.0f %%", median(s, n))
      printf "| %s | %s | %d | %s |\n", p[i], list, median(m, n), share
    }
  }' "$work/results"
