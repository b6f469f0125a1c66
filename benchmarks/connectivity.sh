#!/usr/bin/env bash
# Connectivity figures, one command: ./benchmarks/connectivity.sh
# One back end (BenchBackend: Netty, epoll, 1 event-loop thread, GET /small = 13 bytes, GET /bulk = 1 MiB), reached
#   direct      wrk -> back end
#   ssh-N       wrk -> sshd -> ssh -> back end: OpenSSH reverse tunnel, `ssh -N -R` (sshd never sets TCP_NODELAY on
#               its end without a session: the unfair variant)
#   ssh-fair    the same with a remote command (`exec sleep N`) instead of -N, so both ends set TCP_NODELAY
#   mooring     wrk -> connectivity proxy (absolute-form, Proxy-Authorization: Bearer <connectivity binding token>)
#               -> tunnel (TLS 1.3, HTTP/2) -> connector -> back end
# and for each: small requests on 1 and on 50 connections (requests/s, p50, p99 and what the path adds to the direct
# p50 and p99), 1 MiB answers on 8 connections (MiB/s), and the CPU each process took. During the Mooring runs the
# connector's RSS is sampled (VmRSS every 250 ms, VmHWM at the end). A Markdown table, the ratios against direct and
# against the fair ssh tunnel and the issue's targets close the run.
# All paths are set up first and then measured in ROUNDS rounds; in each round every load is measured on each path in
# turn, so that the runs compared with each other follow each other seconds apart: a shared machine has slower and
# faster minutes, and taking turns spreads them over every path alike. The tables give each path's median round per
# load (by requests/s; its latencies and CPU are that round's), every round, and Mooring's ratio to fair ssh and to
# direct round by round (each ratio from runs of the same round, so a slow minute weighs on both sides of it).
#
# Environment (defaults): ROUNDS=3, DURATION=10 (seconds measured per run), WARMUP=5 (seconds of the same load before
# each run), JIT_WARMUP=20 (the back end's JVM, before anything is measured), MOORING_WARMUP=30 (the server's and the
# connector's JVMs, before the Mooring runs), CONNECTIONS=50, BULK_CONNECTIONS=8, THREADS=2 (wrk's; 1 for 1 connection),
# BACKEND_THREADS=1, CONNECTOR_THREADS (the connector's event loops; default one per core), BUSY_POLL_US (how long both
# tunnel ends' event loops poll their sockets before they sleep; default theirs, 100; 0 turns it off),
# SSH_CIPHER=aes128-gcm@openssh.com (both directions: AES-GCM, as TLS 1.3 normally negotiates on CPUs with AES-NI, and
# OpenSSH's fastest here; "default" leaves it to OpenSSH: chacha20-poly1305), SYSCALLS=0 (1: also count each tunnel
# end's system calls per request during the measured runs, with perf's syscall tracepoints; Debian's linux-perf is
# installed when missing; the counting costs some CPU, so compare such runs only with each other), HOPS=0 (1: on 1
# connection and in the paced run, also time each tunnel end's hop from perf's syscall tracepoints over 2 s: from
# waking to reading, from the end of a read that returned bytes to the start of the next write, that write itself,
# and from it to the next wait; x86-64 only, and as costly as SYSCALLS=1),
# SKIP_MOORING=0 (1: direct and ssh only, and only the benchmarks module is built), SKIP_SSH=0 (1: direct and Mooring
# only, for quick comparisons between versions of Mooring; the targets against ssh are then unchecked),
# CASES="small-1 small-many bulk paced" (the loads measured on every path; a subset for a quick look at one of them,
# whose missing figures then show as 0 and their targets as "not measured"; paced, once after the rounds: 1 connection
# waiting PACE_MS=1 ms between an answer and its next request, for what each tunnel end's CPU costs at a light,
# steady load), BUILD=1 (0 with SKIP_MOORING=1: use the jars as built). Ports: BENCH_PORT=18483 (server),
# PROXY_PORT=18503, SOCKS5_PORT=18504, TUNNEL_PORT=18501, CONNECTOR_ADMIN_PORT=18580, SSH_PORT=18622,
# SSH_FORWARD_PORT=18623 (and the next one).
#
# Loopback only; throwaway keys, configuration and data folders; every process it starts is stopped on exit, and
# each step is bounded in time. Nothing is pinned: wrk, the back end, the tunnel's two ends (and the server) share
# the machine's cores, so every path also pays for its tunnel's CPU. wrk (Debian's wrk) and OpenSSH (Debian's
# openssh-server and openssh-client) are installed with apt-get when missing; the private sshd needs /run/sshd (made
# when missing). On a host with systemd, installing openssh-server also enables its system ssh service; this script
# never uses it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
rounds=${ROUNDS:-3}
duration=${DURATION:-10}
warmup=${WARMUP:-5}
jit_warmup=${JIT_WARMUP:-20}
mooring_warmup=${MOORING_WARMUP:-30}
many=${CONNECTIONS:-50}
bulk_connections=${BULK_CONNECTIONS:-8}
threads=${THREADS:-2}
backend_threads=${BACKEND_THREADS:-1}
ssh_cipher=${SSH_CIPHER:-aes128-gcm@openssh.com}
skip_mooring=${SKIP_MOORING:-0}
skip_ssh=${SKIP_SSH:-0}
syscalls=${SYSCALLS:-0}
hops=${HOPS:-0}
cases=${CASES:-small-1 small-many bulk paced}
pace_ms=${PACE_MS:-1}
build=${BUILD:-1}
port=${BENCH_PORT:-18483}
proxy_port=${PROXY_PORT:-18503}
socks5_port=${SOCKS5_PORT:-18504}
tunnel_port=${TUNNEL_PORT:-18501}
admin_port=${CONNECTOR_ADMIN_PORT:-18580}
ssh_port=${SSH_PORT:-18622}
ssh_forward_port=${SSH_FORWARD_PORT:-18623}
virtual_host=backend.bench
virtual_port=8080
password=benchmark-admin-password
user=$(id -un)

# --- tools ---------------------------------------------------------------------------------------------------------

source benchmarks/loopback.sh # apt_install, listening, port_free, start_backend, backend_port_of
command -v wrk >/dev/null || apt_install wrk wrk
{ command -v ssh >/dev/null && command -v ssh-keygen >/dev/null; } || apt_install "the OpenSSH client" openssh-client
[[ -x /usr/sbin/sshd ]] || apt_install "the OpenSSH server" openssh-server
[[ $syscalls == 0 && $hops == 0 ]] || command -v perf >/dev/null || apt_install perf linux-perf
[[ $hops == 0 || $(uname -m) == x86_64 ]] || { echo "HOPS=1 reads x86-64 system call numbers" >&2; exit 1; }
if [[ ! -d /run/sshd ]]; then # sshd's privilege separation folder, which the system service would make
  [[ $(id -u) -eq 0 ]] || { echo "/run/sshd is missing: run as root or create it (mode 755)" >&2; exit 1; }
  mkdir -p -m 0755 /run/sshd
fi

# --- build, processes, clean-up -------------------------------------------------------------------------------------

work=$(mktemp -d)
chmod 700 "$work"
if [[ $skip_mooring == 1 ]]; then
  server_pid=""
  mkfifo "$work/pause"
  exec 9<>"$work/pause" # reading it blocks until the timeout: a sleep that starts no process
  if [[ $build == 1 ]]; then
    ./mooring build -q -pl benchmarks -am -Dmaven.test.skip=true -Dspotless.apply.skip=true \
      -Dspotless.check.skip=true >"$work/build.log" || { cat "$work/build.log" >&2; rm -rf "$work"; exit 1; }
  fi
  source <(./mooring env)
  classpath="benchmarks/target/mooring-benchmarks.jar:$(ls benchmarks/target/lib/*.jar | tr '\n' ':')"
else
  source benchmarks/server.sh # builds everything; start_server, wait_ready, stop_server; fd 9 for pauses
fi

backend_pid="" sshd_pid="" ssh_pids="" remote_pid_file="" connector_pid="" sampler_pid=""

# descendants <pid>...: the live processes below the given ones.
descendants() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v roots="$*" '
    { pid = $1; line = $0; sub(/^.*\) /, "", line); split(line, f, " "); parent[pid] = f[2] }
    END {
      n = split(roots, r, " "); for (i = 1; i <= n; i++) root[r[i]] = 1
      for (p in parent)
        if (!(p in root)) for (q = parent[p] + 0; q > 1; q = parent[q] + 0) if (q in root) { print p; break }
    }'
}

# stop <pid> [seconds]: TERM, then KILL after the grace period; only processes this script started.
stop() {
  local pid=$1 grace=${2:-5}
  [[ -n $pid ]] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 $((grace * 10))); do
    kill -0 "$pid" 2>/dev/null || break
    read -r -t 0.1 -u 9 || true
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

stop_ssh_clients() {
  local pid
  for pid in $ssh_pids; do stop "$pid"; done
  ssh_pids=""
  if [[ -n $remote_pid_file && -s $remote_pid_file ]]; then # the remote `sleep`, which outlives its session
    kill "$(<"$remote_pid_file")" 2>/dev/null || true
  fi
  remote_pid_file=""
}

stop_sshd() {
  local pid
  [[ -n $sshd_pid ]] || return 0
  for pid in $(descendants "$sshd_pid"); do kill "$pid" 2>/dev/null || true; done # its session processes
  stop "$sshd_pid"
  sshd_pid=""
}

cleanup() {
  set +e
  [[ -n $sampler_pid ]] && kill "$sampler_pid" 2>/dev/null
  [[ -n $syscall_counters ]] && kill $syscall_counters 2>/dev/null
  [[ -n ${hop_recorder:-} ]] && kill "$hop_recorder" 2>/dev/null
  stop_ssh_clients
  stop_sshd
  stop "$connector_pid" 15 # it drains its streams for up to 10 s
  stop "$server_pid" 30
  stop "$backend_pid"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

pause() { read -r -t "$1" -u 9 || true; } # a pause without starting a process
failed=0
rounds_results=$work/rounds # one line per measured run, see measure()
results=$work/results     # the median round of each path and load, in the same form
summary=$work/summary
note() { echo "$*" | tee -a "$summary"; }

# The JVM of a started process: itself, or its java child (a launcher script that did not exec).
java_of() {
  if [[ $(cat "/proc/$1/comm" 2>/dev/null) == java ]]; then echo "$1"; else pgrep -P "$1" -x java | head -1; fi
}

# http_ok <port> <path>: one GET over bash's /dev/tcp; succeeds on a 200.
http_ok() {
  local status=""
  { exec 4<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&4
  read -r -t 5 status <&4 || true
  exec 4<&-
  [[ $status == *" 200 "* ]]
}

# await <seconds> <pid> <what> <command...>: polls the command every 100 ms while the process lives.
await() {
  local seconds=$1 pid=$2 what=$3
  shift 3
  for _ in $(seq 1 $((seconds * 10))); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$what exited" >&2; return 1; }
    pause 0.1
  done
  echo "$what: not ready within $seconds s" >&2
  return 1
}

# --- measuring ------------------------------------------------------------------------------------------------------

ticks=$(getconf CLK_TCK)
# tree_ticks <pid>...: CPU time (user + system, in ticks) of the processes and their live descendants.
tree_ticks() {
  [[ -n $* ]] || { echo 0; return; }
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v roots="$*" '
    { pid = $1; line = $0; sub(/^.*\) /, "", line); split(line, f, " "); parent[pid] = f[2]; t[pid] = f[12] + f[13] }
    END {
      n = split(roots, r, " "); for (i = 1; i <= n; i++) root[r[i]] = 1
      for (p in parent) for (q = p + 0; q > 1; q = parent[q] + 0) if (q in root) { sum += t[p]; break }
      print sum + 0
    }'
}
# thread_ticks <pid>...: "pid/thread-name ticks" for every thread of the processes (a JVM's threads have names).
thread_ticks() {
  local pid task line
  for pid in "$@"; do
    for task in /proc/"$pid"/task/*; do
      line=$(cat "$task/stat" 2>/dev/null) || continue
      line=${line##*) }
      read -r -a fields <<<"$line"
      echo "$pid/$(tr ' ' '_' <"$task/comm" 2>/dev/null)/${task##*/} $((fields[11] + fields[12]))"
    done
  done
}
# thread_cores <before-file> <after-file> <seconds>: the busiest threads in between, in cores.
thread_cores() {
  awk -v t="$ticks" -v d="$3" 'NR == FNR { before[$1] = $2; next }
    { used = ($2 - before[$1]) / t / d; if (used >= 0.01) printf "%s %.2f\n", $1, used }' "$1" "$2" |
    sort -k2 -nr | head -8 | awk '{ sub(/\/[0-9]+$/, "", $1); printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }'
}
# The CPU time of this shell's finished children (wrk, through timeout); read with a builtin.
children_ticks() {
  local -a stat
  read -r -a stat <"/proc/$BASHPID/stat"
  children=$((stat[15] + stat[16]))
}

# count_syscalls <out-file> <pid>...: counts the system calls of the processes and their live descendants for DURATION
# seconds, in the background (syscall_counters holds the counting processes, which measure waits for).
syscall_counters=""
count_syscalls() {
  local out=$1 pids
  shift
  pids=$(echo "$@" $(descendants "$@") | tr ' ' ',')
  perf stat -x, -e 'syscalls:sys_enter_*' -p "$pids" -o "$out" -- sleep "$duration" >/dev/null 2>&1 &
  syscall_counters+=" $!"
}
# syscalls_per_request <out-file> <requests>: "N per request (name n, ...)" for the busiest four system calls.
syscalls_per_request() {
  awk -F, -v r="$2" '$3 ~ /^syscalls:sys_enter_/ && $1 ~ /^[0-9]+$/ && $1 > 0 {
      name = $3; sub(/^syscalls:sys_enter_/, "", name); count[name] = $1; total += $1 }
    END {
      if (r <= 0 || total == 0) { print "not counted"; exit }
      line = sprintf("%.2f per request (", total / r)
      for (i = 1; i <= 4; i++) {
        best = ""; for (n in count) if (best == "" || count[n] > count[best]) best = n
        if (best == "") break
        line = line sprintf("%s%s %.2f", (i > 1 ? ", " : ""), best, count[best] / r); delete count[best]
      }
      print line ")"
    }' "$1"
}

# record_hops <out-file> <pid>...: records the system calls of the processes and their live descendants for 2 s, in
# the background (hop_recorder holds the recording process, which measure waits for).
hop_recorder=""
record_hops() {
  local out=$1 pids
  shift
  pids=$(echo "$@" $(descendants "$@") | tr ' ' ',')
  perf record -q -e raw_syscalls:sys_enter,raw_syscalls:sys_exit -p "$pids" -o "$out" -- sleep 2 >/dev/null 2>&1 &
  hop_recorder=$!
}
# note_hops <perf-data> <label>: once the recording that record_hops started has ended, notes its times per hop.
note_hops() {
  [[ -n $hop_recorder ]] || return 0
  wait "$hop_recorder" 2>/dev/null || true
  hop_recorder=""
  note "  per hop ($2): $(hop_times_of "$1" "$cloud_side" "$onprem_side")"
}
# hop_times_of <perf-data> "<cloud-side pids>" "<on-premise-side pids>": for each side, with its processes' live
# descendants, "wait to read p50 N µs, read to write p50 N µs, write p50 N µs, write to wait p50 N µs (N hops)", per
# thread: from the end of a wait for its sockets (epoll, poll, select) to the start of the next read (read, readv,
# recvfrom, recvmsg); from the end of each read that returned bytes to the start of the next write (write, writev,
# sendto, sendmsg); how long those writes took, which on loopback includes the receiving side's TCP work and waking its
# reader; and from the end of that write to the start of the next wait, the rest of the turn, for which a reader woken
# on the same processor may have to wait. One pass over the recording serves both sides.
hop_times_of() {
  local data=$1 cloud=$2 onprem=$3
  perf script -i "$data" -F pid,tid,time,event,trace 2>/dev/null |
    awk -v cloud="$cloud $(descendants $cloud)" -v onprem="$onprem $(descendants $onprem)" '
    BEGIN {
      n = split(cloud, p, " "); for (i = 1; i <= n; i++) sideOf[p[i]] = "cloud side"
      n = split(onprem, p, " "); for (i = 1; i <= n; i++) sideOf[p[i]] = "on-premise side"
      split("0 19 45 47", r, " "); for (i in r) reads[r[i]] = 1
      split("1 20 44 46", w, " "); for (i in w) writes[w[i]] = 1
      split("7 23 232 270 271 281 441", ws, " "); for (i in ws) waits[ws[i]] = 1
    }
    # Times are counted per whole microsecond, so a median of tens of thousands of them takes no sorting.
    function add(name, seconds,    kind, us) {
      kind = side[tid] ": " name
      us = int(seconds * 1e6 + 0.5); count[kind, us]++; total[kind]++
      if (us > longest[kind]) longest[kind] = us
    }
    function median(kind,    us, seen) {
      if (!total[kind]) return "–"
      for (us = 0; us <= longest[kind]; us++) if ((seen += count[kind, us]) >= (total[kind] + 1) / 2) return us
    }
    $4 != "NR" { next }
    {
      split($1, ids, "/"); if (!(ids[1] in sideOf)) next
      tid = ids[2]; side[tid] = sideOf[ids[1]]; t = $2; sub(/:$/, "", t); nr = $5
    }
    $3 ~ /sys_enter/ {
      entered[tid] = nr; at[tid] = t
      if ((nr in writes) && (tid in lastRead)) {
        add("hop", t - lastRead[tid]); delete lastRead[tid]; passing[tid] = 1
      }
      if ((nr in waits) && (tid in passed)) { add("rest", t - passed[tid]); delete passed[tid] }
      if ((nr in reads) && (tid in woke)) { add("wake", t - woke[tid]); delete woke[tid] }
    }
    $3 ~ /sys_exit/ {
      if ((nr in writes) && entered[tid] == nr) add("write", t - at[tid])
      if ((nr in writes) && (tid in passing)) { passed[tid] = t; delete passing[tid] }
      if ((nr in reads) && $7 + 0 > 0 && !(tid in lastRead)) lastRead[tid] = t
      if ((nr in waits) && $7 + 0 > 0) woke[tid] = t
    }
    function times(s) {
      return sprintf("%s wait to read p50 %s µs, read to write p50 %s µs, write p50 %s µs, " \
        "write to wait p50 %s µs (%d hops)", s, median(s ": wake"), median(s ": hop"), median(s ": write"),
        median(s ": rest"), total[s ": hop"])
    }
    END { printf "%s; %s", times("cloud side"), times("on-premise side") }'
}

# run_wrk <out-file> <connections> <seconds> <url> [wrk options...]
run_wrk() {
  local out=$1 connections=$2 seconds=$3 url=$4 t=$threads
  shift 4
  ((connections < t)) && t=$connections
  timeout $((seconds + 60)) wrk -t"$t" -c"$connections" -d"${seconds}s" --timeout 10s --latency "$@" "$url" \
    >"$out" 2>&1 || echo "wrk failed: $(cat "$out")" >&2
}

# "requests/s p50-us p99-us non-2xx socket-errors" from wrk's output.
parse_wrk() {
  awk 'function us(v) {
         if (v ~ /us$/) { sub(/us$/, "", v); return v + 0 }
         if (v ~ /ms$/) { sub(/ms$/, "", v); return v * 1000 }
         if (v ~ /m$/) { sub(/m$/, "", v); return v * 60000000 }
         if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000000 }
         return v + 0 }
       /Requests\/sec:/ { rps = $2 }
       /Latency Distribution/ { dist = 1 }
       dist && $1 == "50%" { p50 = us($2) }
       dist && $1 == "99%" { p99 = us($2); dist = 0 }
       /Non-2xx or 3xx responses:/ { non2xx = $NF }
       /Socket errors:/ { errors = $0; sub(/.*Socket errors: */, "", errors); gsub(/ /, "", errors) }
       END { printf "%.0f %.0f %.0f %d %s\n", rps, p50, p99, non2xx, (errors == "" ? "none" : errors) }' "$1"
}

# rss_sampler <pid> <file>: the highest VmRSS (kB) seen, every 250 ms, into the file; runs until killed.
rss_sampler() {
  local max=0 key value rest
  while [[ -r /proc/$1/status ]]; do
    while read -r key value rest; do
      [[ $key == VmRSS: ]] && ((value > max)) && max=$value
    done <"/proc/$1/status" 2>/dev/null || true
    echo "$max" >"$2"
    pause 0.25
  done
}

# Set per path: the label, the processes of the tunnel's cloud side and on-premise side (for their CPU), wrk's
# target and options for each load, and the connector's JVM (RSS sampled) when there is one.
path="" cloud_side="" onprem_side="" small_url="" bulk_url="" rss_pid="" round=0
small_opts=() bulk_opts=()
# The paths set up, in order, and what use_path needs of each.
paths=()
declare -A path_cloud path_onprem path_small path_bulk path_small_opts path_bulk_opts path_rss

# add_path <label> <cloud side pids> <on-premise side pids> <small URL> <bulk URL> [wrk options] [pid to sample]
add_path() {
  paths+=("$1")
  path_cloud[$1]=$2 path_onprem[$1]=$3 path_small[$1]=$4 path_bulk[$1]=$5
  path_small_opts[$1]=${6:-} path_bulk_opts[$1]=${7:-} path_rss[$1]=${8:-}
}

use_path() {
  path=$1 cloud_side=${path_cloud[$1]} onprem_side=${path_onprem[$1]} small_url=${path_small[$1]}
  bulk_url=${path_bulk[$1]} rss_pid=${path_rss[$1]}
  # shellcheck disable=SC2206 # the options are words without spaces (wrk's -s and a script in $work)
  small_opts=(${path_small_opts[$1]}) bulk_opts=(${path_bulk_opts[$1]})
}

# measure <case> <connections>: WARMUP seconds of the load, then DURATION measured; appends to $results
# "path case connections requests/s p50-us p99-us non-2xx errors backend-cores cloud-cores onprem-cores wrk-cores".
measure() {
  local case=$1 connections=$2 url out b0 c0 o0 w0 row
  local -a opts
  if [[ $case == bulk ]]; then url=$bulk_url opts=("${bulk_opts[@]}"); else url=$small_url opts=("${small_opts[@]}"); fi
  out=$work/wrk-$path-$case-$connections-round$round.txt
  run_wrk "$out.warmup" "$connections" "$warmup" "$url" "${opts[@]}"
  if [[ -n $rss_pid ]]; then
    rss_sampler "$rss_pid" "$work/rss-$path-$case-$connections-round$round" &
    sampler_pid=$!
  fi
  b0=$(tree_ticks "$backend_pid")
  c0=$(tree_ticks $cloud_side)
  o0=$(tree_ticks $onprem_side)
  children_ticks
  w0=$children
  [[ -z $rss_pid ]] || thread_ticks $cloud_side $onprem_side >"$out.threads0"
  if [[ $syscalls == 1 && -n $cloud_side ]]; then
    count_syscalls "$out.syscalls-cloud" $cloud_side
    count_syscalls "$out.syscalls-onprem" $onprem_side
  fi
  [[ $hops == 0 || $connections != 1 || -z $cloud_side ]] || record_hops "$out.hops" $cloud_side $onprem_side
  run_wrk "$out" "$connections" "$duration" "$url" "${opts[@]}"
  children_ticks
  if [[ -n $rss_pid ]]; then
    thread_ticks $cloud_side $onprem_side >"$out.threads1"
    note "  busiest threads ($path $case $connections, round $round, pid/name cores): $(thread_cores "$out.threads0" "$out.threads1" "$duration")"
  fi
  row="$path $case $connections $(parse_wrk "$out") $(awk -v b=$(($(tree_ticks "$backend_pid") - b0)) \
    -v c=$(($(tree_ticks $cloud_side) - c0)) -v o=$(($(tree_ticks $onprem_side) - o0)) -v w=$((children - w0)) \
    -v t="$ticks" -v d="$duration" -v tunnel="$cloud_side" \
    'BEGIN { printf "%.2f %s %s %.2f", b / t / d, (tunnel == "" ? "–" : sprintf("%.2f", c / t / d)),
             (tunnel == "" ? "–" : sprintf("%.2f", o / t / d)), w / t / d }')"
  if [[ -n $syscall_counters ]]; then
    # shellcheck disable=SC2086 # the counters' pids, one word each
    wait $syscall_counters 2>/dev/null || true
    syscall_counters=""
    local requests
    requests=$(awk '/requests in/ { print $1 }' "$out")
    note "  system calls ($path $case $connections, round $round): cloud side" \
      "$(syscalls_per_request "$out.syscalls-cloud" "$requests"); on-premise side" \
      "$(syscalls_per_request "$out.syscalls-onprem" "$requests")"
  fi
  note_hops "$out.hops" "$path $case $connections, round $round"
  if [[ -n $sampler_pid ]]; then
    kill "$sampler_pid" 2>/dev/null || true
    wait "$sampler_pid" 2>/dev/null || true
    sampler_pid=""
  fi
  echo "$row $round" >>"$rounds_results"
  sed "s/^/    [$path $case $connections, round $round] /" "$out"
  echo "  $row"
  [[ $(awk '{ print $7, $8 }' <<<"$row") == "0 none" ]] || { note "FAILED: $path $case on $connections" \
    "connections had non-2xx answers or socket errors (see wrk's output above)"; failed=1; }
}

# measure_case <case>: one of CASES on the current path.
measure_case() {
  echo "== $path, round $round of $rounds: $1 (small-1: small on 1 connection, small-many: on $many," \
    "bulk: on $bulk_connections) =="
  case $1 in
    small-1) measure small 1 ;;
    small-many) measure small "$many" ;;
    bulk) measure bulk "$bulk_connections" ;;
  esac
}

# measure_paced: one connection that waits PACE_MS between an answer and its next request, a steady load far below
# what the path can carry; notes the requests/s, the p50 and what each tunnel end's CPU costs then.
measure_paced() {
  local out=$work/wrk-$path-paced.txt script=$work/paced-$path.lua c0 o0 parsed
  { ((${#small_opts[@]} == 2)) && cat "${small_opts[1]}"; echo "function delay() return $pace_ms end"; } >"$script"
  run_wrk "$out.warmup" 1 "$warmup" "$small_url" -s "$script"
  c0=$(tree_ticks $cloud_side)
  o0=$(tree_ticks $onprem_side)
  [[ $hops == 0 || -z $cloud_side ]] || record_hops "$out.hops" $cloud_side $onprem_side
  run_wrk "$out" 1 "$duration" "$small_url" -s "$script"
  parsed=$(parse_wrk "$out")
  [[ $(awk '{ print $4, $5 }' <<<"$parsed") == "0 none" ]] || { note "FAILED: $path paced had non-2xx" \
    "answers or socket errors: $(cat "$out")"; failed=1; }
  note "  paced ($path, 1 connection, $pace_ms ms between an answer and the next request):" \
    "$(awk '{ printf "%d requests/s, p50 %d µs", $1, $2 }' <<<"$parsed")$(awk -v t="$ticks" -v d="$duration" \
      -v c=$(($(tree_ticks $cloud_side) - c0)) -v o=$(($(tree_ticks $onprem_side) - o0)) -v tunnel="$cloud_side" \
      'BEGIN { if (tunnel != "") printf ", cloud side %.2f cores, on-premise side %.2f cores", c / t / d, o / t / d }')"
  note_hops "$out.hops" "$path paced"
}

# --- header ---------------------------------------------------------------------------------------------------------

# idle_policy: how an idle processor waits for its next work, which sets what waking a sleeping thread costs on it.
# In a virtual machine whose processors halt at once when idle (cpuidle's haltpoll driver with guest_halt_poll_ns=0),
# each wake-up of an idle processor goes through the hypervisor: every path's latency on 1 connection, and the gain of
# Mooring's busy polling, depend on it (docs/performance.md, fourteenth session).
idle_policy() {
  local cpuidle=/sys/devices/system/cpu/cpuidle haltpoll=/sys/module/haltpoll/parameters/guest_halt_poll_ns driver
  if [[ ! -r $cpuidle/current_driver ]]; then
    printf 'no cpuidle driver'
    return
  fi
  driver=$(cat "$cpuidle/current_driver")
  printf 'cpuidle driver %s, governor %s' "$driver" \
    "$(cat "$cpuidle/current_governor_ro" 2>/dev/null || cat "$cpuidle/current_governor" 2>/dev/null || echo unknown)"
  [[ $driver != haltpoll || ! -r $haltpoll ]] || printf ', the guest polls up to %s ns before halting' "$(cat "$haltpoll")"
}

note "== connectivity.sh on $(nproc) cores (nothing pinned: wrk, back end and tunnels share them)," \
  "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), Linux $(uname -r)," \
  "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)," \
  "$(ssh -V 2>&1), $(date -u +%Y-%m-%dT%H:%MZ) =="
note "runs: ${warmup} s warm-up + ${duration} s measured each; wrk --latency --timeout 10s, $threads threads" \
  "(1 for 1 connection)"
note "idle processors: $(idle_policy)"

# --- back end -------------------------------------------------------------------------------------------------------

start_backend "$work/backend.log" "$backend_threads"
backend_listening() { [[ -n $(backend_port_of "$work/backend.log") ]]; }
await 30 "$backend_pid" "the back end" backend_listening || { cat "$work/backend.log" >&2; exit 1; }
backend_port=$(backend_port_of "$work/backend.log")
note "back end: BenchBackend $(sed -n 's/^listening //p' "$work/backend.log"); JVM -XX:+UseSerialGC -Xmx256m"
await 10 "$backend_pid" "the back end" http_ok "$backend_port" /small ||
  { echo "the back end did not answer GET /small with 200" >&2; exit 1; }
echo "warming the back end's JVM up: ${jit_warmup} s (2/3 small on $many connections, 1/3 bulk)"
run_wrk "$work/jit-small.txt" "$many" $((jit_warmup * 2 / 3 + 1)) "http://127.0.0.1:$backend_port/small"
run_wrk "$work/jit-bulk.txt" "$bulk_connections" $((jit_warmup / 3 + 1)) "http://127.0.0.1:$backend_port/bulk"

# --- direct ---------------------------------------------------------------------------------------------------------

add_path direct "" "" "http://127.0.0.1:$backend_port/small" "http://127.0.0.1:$backend_port/bulk"

# --- OpenSSH --------------------------------------------------------------------------------------------------------

if [[ $skip_ssh == 1 ]]; then
  note "== ssh: skipped (SKIP_SSH=1) =="
else
mkdir -m 700 "$work/ssh"
ssh-keygen -q -t ed25519 -N '' -C bench-host -f "$work/ssh/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C bench-client -f "$work/ssh/id_ed25519"
cp "$work/ssh/id_ed25519.pub" "$work/ssh/authorized_keys"
cat >"$work/ssh/sshd_config" <<EOF
ListenAddress 127.0.0.1
HostKey $work/ssh/host_ed25519
PidFile $work/ssh/sshd.pid
AuthorizedKeysFile $work/ssh/authorized_keys
StrictModes no
UsePAM no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowTcpForwarding yes
GatewayPorts no
X11Forwarding no
PrintMotd no
PrintLastLog no
EOF
port_free "$ssh_port" "$ssh_forward_port" $((ssh_forward_port + 1)) || exit 1
/usr/sbin/sshd -t -f "$work/ssh/sshd_config" -p "$ssh_port" || { echo "sshd refused its configuration" >&2; exit 1; }
/usr/sbin/sshd -D -e -f "$work/ssh/sshd_config" -p "$ssh_port" -h "$work/ssh/host_ed25519" >"$work/sshd.log" 2>&1 &
sshd_pid=$!
await 10 "$sshd_pid" "sshd" listening "$ssh_port" || { cat "$work/sshd.log" >&2; exit 1; }
ssh_options=(-F /dev/null -n -i "$work/ssh/id_ed25519" -p "$ssh_port" -o IdentitiesOnly=yes -o BatchMode=yes
  -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ExitOnForwardFailure=yes)
[[ $ssh_cipher == default ]] || ssh_options+=(-o "Ciphers=$ssh_cipher")
# The cipher and key exchange negotiated, from a short session with the same options as the tunnels.
timeout 30 ssh -v "${ssh_options[@]}" "$user@127.0.0.1" true 2>"$work/ssh-probe.log" ||
  { cat "$work/ssh-probe.log" >&2; echo "ssh to the private sshd failed" >&2; exit 1; }
cipher=$(sed -n 's/.*kex: server->client cipher: \([^ ]*\) MAC: \([^ ]*\).*/\1 (MAC \2)/p' "$work/ssh-probe.log" |
  head -1)
chosen="(OpenSSH's own choice)"
[[ $ssh_cipher == default ]] || chosen="(SSH_CIPHER)"
aes_ni=""
grep -qw aes /proc/cpuinfo && aes_ni="; the CPU has AES-NI"
note "ssh: $(ssh -V 2>&1) against a private sshd on 127.0.0.1:$ssh_port; cipher $cipher $chosen$aes_ni;" \
  "key exchange $(sed -n 's/.*kex: algorithm: \(.*\)/\1/p' "$work/ssh-probe.log" | head -1)"

ssh_tunnel_up() { http_ok "$1" /small; }
# ssh_path <label> <remote port> [remote command]: one reverse tunnel, open until the end of the run.
ssh_path() {
  local ssh_pid
  local label=$1 rport=$2
  shift 2
  if (($#)); then
    ssh "${ssh_options[@]}" -R "127.0.0.1:$rport:127.0.0.1:$backend_port" "$user@127.0.0.1" "$@" \
      >"$work/ssh-$label.log" 2>&1 &
  else
    ssh "${ssh_options[@]}" -N -R "127.0.0.1:$rport:127.0.0.1:$backend_port" "$user@127.0.0.1" \
      >"$work/ssh-$label.log" 2>&1 &
  fi
  ssh_pid=$!
  ssh_pids+=" $ssh_pid"
  await 30 "$ssh_pid" "ssh ($label)" ssh_tunnel_up "$rport" || { cat "$work/ssh-$label.log" >&2; exit 1; }
  add_path "$label" "$sshd_pid" "$ssh_pid" "http://127.0.0.1:$rport/small" "http://127.0.0.1:$rport/bulk"
}
note "ssh-N:    ssh -N -R 127.0.0.1:$ssh_forward_port:127.0.0.1:$backend_port $user@127.0.0.1"
ssh_path ssh-N "$ssh_forward_port"
# The remote command keeps a session open (sshd then sets TCP_NODELAY) and outlives the measurement; it leaves its
# pid so that it can be ended when the tunnel closes.
remote_pid_file=$work/ssh/remote.pid
remote_seconds=$((rounds * 12 * (warmup + duration) + mooring_warmup + 600))
note "ssh-fair: ssh -R 127.0.0.1:$((ssh_forward_port + 1)):127.0.0.1:$backend_port $user@127.0.0.1" \
  "'echo \$\$ >remote.pid; exec sleep $remote_seconds'"
ssh_path ssh-fair $((ssh_forward_port + 1)) "echo \$\$ >$remote_pid_file; exec sleep $remote_seconds"
fi

# --- Mooring --------------------------------------------------------------------------------------------------------

mooring_status=skipped connector_java="" server_java=""
# mooring_up: the server and the connector, paired, mapped and warmed up; every step checked, and a failure ends the
# part (the others' figures are still reported).
mooring_up() {
  local info=$work/mooring.env connector_data=$work/connector
  local -a connector_command
  info_of() { sed -n "s/^$1=//p" "$info"; }
  port_free "$port" "$proxy_port" "$socks5_port" "$tunnel_port" "$admin_port" || return 1
  start_server MOORING_DATA_DIR="$work/h2" MOORING_PUBLIC_URL="http://127.0.0.1:$port" \
    MOORING_CONNECTIVITY_BINDADDRESS=127.0.0.1 MOORING_CONNECTIVITY_PROXY_HTTPPORT="$proxy_port" \
    MOORING_CONNECTIVITY_PROXY_SOCKS5PORT="$socks5_port" MOORING_CONNECTIVITY_TUNNEL_PORT="$tunnel_port" \
    ${BUSY_POLL_US:+MOORING_CONNECTIVITY_BUSYPOLL=${BUSY_POLL_US}us}
  wait_ready || { echo "the server did not start" >&2; return 1; }
  server_java=$(java_of "$server_pid")
  timeout 120 "$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "$classpath" io.mooring.benchmarks.ConnectivityBench \
    setup "http://127.0.0.1:$port" admin "$password" "$info" || { echo "set-up failed" >&2; return 1; }

  mkdir -m 700 "$connector_data"
  local -a flags=(--data-dir "$connector_data" --pair-url "http://127.0.0.1:$port" --token "$(info_of CONNECTOR_TOKEN)"
    --admin-port "$admin_port")
  [[ -z ${CONNECTOR_THREADS:-} ]] || flags+=(--threads "$CONNECTOR_THREADS")
  [[ -z ${BUSY_POLL_US:-} ]] || flags+=(--busy-poll-us "$BUSY_POLL_US")
  # As an administrator starts it: the launcher's JVM settings (bounded heap and direct memory) apply.
  connector_command=(./mooring connector "${flags[@]}")
  "${connector_command[@]}" >"$work/connector.log" 2>&1 &
  connector_pid=$!
  # Up when it has written its admin token and its admin API accepts connections.
  connector_admin_up() {
    [[ -s $connector_data/admin-token ]] && listening "$admin_port"
  }
  await 60 "$connector_pid" "the connector" connector_admin_up ||
    { tail -50 "$work/connector.log" >&2; return 1; }
  connector_java=$(java_of "$connector_pid")
  [[ -n $connector_java ]] || { echo "no connector JVM found below process $connector_pid" >&2; return 1; }
  note "connector: $(tr '\0' ' ' <"/proc/$connector_java/cmdline" | sed "s/--token [^ ]*/--token <one-time token>/")"
  timeout 60 "$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "$classpath" io.mooring.benchmarks.ConnectivityBench \
    map "$admin_port" "$connector_data/admin-token" "$virtual_host" "$virtual_port" "$backend_port" ||
    { tail -50 "$work/connector.log" >&2; return 1; }
  timeout 180 "$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "$classpath" io.mooring.benchmarks.ConnectivityBench \
    await "$info" "$virtual_host" "$virtual_port" 120 ||
    { tail -50 "$work/connector.log" >&2; tail -50 "$work/server.log" >&2; return 1; }

  local proxy="http://$(info_of PROXY_HOST):$(info_of PROXY_PORT)/" kind
  for kind in small bulk; do
    cat >"$work/proxy-$kind.lua" <<EOF
-- absolute-form through Mooring's connectivity proxy, as an application's HTTP client sends it
wrk.path = "http://$virtual_host:$virtual_port/$kind"
wrk.headers["Host"] = "$virtual_host:$virtual_port"
wrk.headers["Proxy-Authorization"] = "Bearer $(info_of PROXY_TOKEN)"
EOF
  done
  note "mooring:  wrk -> proxy $(info_of PROXY_HOST):$(info_of PROXY_PORT) (from the connectivity binding)," \
    "GET http://$virtual_host:$virtual_port/... -> tunnel -> connector -> 127.0.0.1:$backend_port"
  echo "warming the server's and the connector's JVMs up: ${mooring_warmup} s (2/3 small on $many connections," \
    "1/3 bulk)"
  run_wrk "$work/jit-mooring-small.txt" "$many" $((mooring_warmup * 2 / 3 + 1)) "$proxy" -s "$work/proxy-small.lua"
  run_wrk "$work/jit-mooring-bulk.txt" "$bulk_connections" $((mooring_warmup / 3 + 1)) "$proxy" \
    -s "$work/proxy-bulk.lua"
  add_path mooring "$server_java" "$connector_java" "$proxy" "$proxy" "-s $work/proxy-small.lua" \
    "-s $work/proxy-bulk.lua" "$connector_java"
}

# mooring_down: the connector's memory over all rounds, then both stopped.
mooring_down() {
  local sampled hwm rss
  sampled=$({ cat "$work"/rss-mooring-* 2>/dev/null || true; } | sort -n | tail -1)
  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$connector_java/status" 2>/dev/null || true)
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$connector_java/status" 2>/dev/null || true)
  sampled=${sampled:-0} hwm=${hwm:-0} rss=${rss:-0}
  ((hwm > 0)) || { echo "the connector's JVM is gone: no VmHWM" >&2; return 1; }
  echo "connector_rss $sampled $hwm $rss" >>"$rounds_results"
  note "connector RSS: highest sampled VmRSS during the Mooring runs $((sampled / 1024)) MB, VmHWM" \
    "$((hwm / 1024)) MB, VmRSS after them $((rss / 1024)) MB (target < 128 MB); server RSS" \
    "$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$server_java/status") MB"
  stop "$connector_pid" 15
  connector_pid=""
  stop_server
}

if [[ $skip_mooring == 1 ]]; then
  note "== mooring: skipped (SKIP_MOORING=1); the table shows what it must reach in this run =="
elif mooring_up; then
  mooring_status=measured
else
  mooring_status=failed
  failed=1
  note "FAILED: the Mooring part did not start (see above); the other paths' figures follow"
fi

# --- rounds ---------------------------------------------------------------------------------------------------------

for round in $(seq 1 "$rounds"); do
  for case in small-1 small-many bulk; do
    [[ " $cases " == *" $case "* ]] || continue
    for label in "${paths[@]}"; do
      use_path "$label"
      measure_case "$case"
    done
  done
done
if [[ " $cases " == *" paced "* ]]; then
  echo "== every path, paced: 1 connection, $pace_ms ms between an answer and the next request =="
  for label in "${paths[@]}"; do
    use_path "$label"
    measure_paced
  done
fi
rss_pid=""
if [[ $mooring_status == measured ]] && ! mooring_down; then
  mooring_status=failed
  failed=1
fi
stop_ssh_clients
stop_sshd

# The median round of each path and load (by requests/s; the lower one of the middle two for an even count), in
# measure()'s form and order; and every round's requests/s, for the table of rounds.
awk '
  $1 == "connector_rss" { rss = $0; next }
  { key = $1 " " $2 " " $3; if (!(key in n)) order[++keys] = key; row[key, ++n[key]] = $0; rps[key, n[key]] = $4 }
  END {
    for (k = 1; k <= keys; k++) {
      key = order[k]; m = n[key]
      for (i = 1; i <= m; i++) idx[i] = i
      for (i = 2; i <= m; i++) for (j = i; j > 1 && rps[key, idx[j - 1]] > rps[key, idx[j]]; j--) {
        t = idx[j]; idx[j] = idx[j - 1]; idx[j - 1] = t }
      line = row[key, idx[int((m + 1) / 2)]]; sub(/ [0-9]+$/, "", line); print line
    }
    if (rss != "") print rss
  }' "$rounds_results" >"$results"

# --- results --------------------------------------------------------------------------------------------------------

{
  echo
  echo "| path | load | connections | requests/s | p50 µs | p99 µs | added p50 µs | added p99 µs | MiB/s |" \
    "back end cores | cloud side cores | on-premise side cores | wrk cores |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -v bulk_mib=1 '
    $1 == "connector_rss" { next }
    { key = $2 "-" $3 }
    $1 == "direct" { d50[key] = $5; d99[key] = $6 }
    { rows[++n] = $0 }
    END {
      for (i = 1; i <= n; i++) {
        split(rows[i], f, " "); key = f[2] "-" f[3]
        added50 = (f[1] == "direct" || !(key in d50)) ? "–" : sprintf("%+d", f[5] - d50[key])
        added99 = (f[1] == "direct" || !(key in d99)) ? "–" : sprintf("%+d", f[6] - d99[key])
        printf "| %s | %s | %d | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s |\n", f[1],
          (f[2] == "bulk" ? "1 MiB answers" : "13-byte answers"), f[3], f[4], f[5], f[6], added50, added99,
          (f[2] == "bulk" ? sprintf("%.0f", f[4] * bulk_mib) : "–"), f[9], f[10], f[11], f[12]
      }
    }' "$results"
  echo
  echo "Each row is the path's median round of $rounds for that load; every round's requests/s (MiB/s for bulk):"
  echo
  awk '
    $1 == "connector_rss" { next }
    { key = $1 " | " ($2 == "bulk" ? "1 MiB answers" : "13-byte answers") " | " $3
      if (!(key in all)) order[++keys] = key; all[key] = all[key] (all[key] == "" ? "" : ", ") $4 }
    END { print "| path | load | connections | rounds |"; print "|---|---|---:|---|"
          for (k = 1; k <= keys; k++) print "| " order[k] " | " all[order[k]] " |" }' "$rounds_results"
  echo
  echo "cloud side: sshd (all its processes) or the Mooring server; on-premise side: the ssh client or the connector."
  echo "Added latency: the path's percentile minus direct's at the same load. MiB/s: 1 MiB bodies per second."
  echo
  echo "| path | requests/s on 1 vs direct | on $many vs direct | MiB/s vs direct | requests/s on 1 vs fair ssh |" \
    "on $many vs fair ssh | MiB/s vs fair ssh |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  awk -v many="$many" '
    $1 == "connector_rss" { next }
    { v[$1, ($2 == "bulk" ? "bulk" : $3)] = $4; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
    function r(a, b) { return (b > 0 && a != "") ? sprintf("%.0f %%", 100 * a / b) : "–" }
    END {
      for (i = 1; i <= n; i++) {
        p = order[i]; if (p == "direct") continue
        printf "| %s | %s | %s | %s | %s | %s | %s |\n", p, r(v[p, 1], v["direct", 1]),
          r(v[p, many], v["direct", many]), r(v[p, "bulk"], v["direct", "bulk"]),
          (p == "ssh-fair" ? "–" : r(v[p, 1], v["ssh-fair", 1])),
          (p == "ssh-fair" ? "–" : r(v[p, many], v["ssh-fair", many])),
          (p == "ssh-fair" ? "–" : r(v[p, "bulk"], v["ssh-fair", "bulk"]))
      }
    }' "$results"
  echo
  echo "Mooring round by round (requests/s, MiB/s for bulk, as a share of the same round's fair ssh and direct runs;"
  echo "the median of the rounds last):"
  echo
  echo "| load | vs fair ssh | median | vs direct | median |"
  echo "|---|---|---:|---|---:|"
  awk -v many="$many" '
    $1 == "connector_rss" { next }
    { k = ($2 == "bulk" ? "bulk" : $3); v[$1, k, $13] = $4; if ($13 > last) last = $13 }
    function median(list, count,    i, j, t) {
      for (i = 2; i <= count; i++) for (j = i; j > 1 && list[j - 1] > list[j]; j--) {
        t = list[j]; list[j] = list[j - 1]; list[j - 1] = t }
      return count == 0 ? "–" : sprintf("%.0f %%", count % 2 ? list[(count + 1) / 2] : (list[count / 2] + list[count / 2 + 1]) / 2)
    }
    function row(label, k,    r, shown_f, shown_d, nf, nd, f, d) {
      shown_f = ""; shown_d = ""; nf = 0; nd = 0
      for (r = 1; r <= last; r++) {
        if (v["mooring", k, r] == "") continue
        if (v["ssh-fair", k, r] > 0) {
          f[++nf] = 100 * v["mooring", k, r] / v["ssh-fair", k, r]
          shown_f = shown_f (nf > 1 ? ", " : "") sprintf("%.0f %%", f[nf])
        }
        if (v["direct", k, r] > 0) {
          d[++nd] = 100 * v["mooring", k, r] / v["direct", k, r]
          shown_d = shown_d (nd > 1 ? ", " : "") sprintf("%.0f %%", d[nd])
        }
      }
      if (nf + nd > 0) printf "| %s | %s | %s | %s | %s |\n", label, (nf ? shown_f : "–"), median(f, nf),
        (nd ? shown_d : "–"), median(d, nd)
    }
    END { row("13-byte answers, 1 connection", 1); row("13-byte answers, " many " connections", many)
          row("1 MiB answers", "bulk") }' "$rounds_results"
  echo
  echo "CPU of each tunnel end per request (µs; its cores ÷ requests/s) and per MiB of 1 MiB answers (ms):"
  echo
  echo "| path | cloud side, 1 conn | on-premise side, 1 conn | cloud side, $many conns | on-premise side, $many conns |" \
    "cloud side per MiB | on-premise side per MiB | both ends on $many conns vs fair ssh |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  awk -v many="$many" '
    $1 == "connector_rss" || $1 == "direct" { next }
    { k = ($2 == "bulk" ? "bulk" : $3); rate[$1, k] = $4; cloud[$1, k] = $10; premise[$1, k] = $11
      if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
    function per(cores, r, scale, digits) {
      return (r > 0 && cores ~ /^[0-9.]+$/) ? sprintf("%." digits "f", cores * scale / r) : "–"
    }
    function both(p, k,    r) {
      r = rate[p, k] + 0 # a number: a missing load has left an untyped element behind
      return r > 0 ? (cloud[p, k] + premise[p, k]) / r : 0
    }
    END {
      for (i = 1; i <= n; i++) {
        p = order[i]; fair = both("ssh-fair", many)
        printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", p, per(cloud[p, 1], rate[p, 1], 1e6, 0),
          per(premise[p, 1], rate[p, 1], 1e6, 0), per(cloud[p, many], rate[p, many], 1e6, 1),
          per(premise[p, many], rate[p, many], 1e6, 1), per(cloud[p, "bulk"], rate[p, "bulk"], 1e3, 2),
          per(premise[p, "bulk"], rate[p, "bulk"], 1e3, 2),
          (p == "ssh-fair" || fair == 0 || both(p, many) == 0 ? "–" : sprintf("%.2f", both(p, many) / fair))
      }
    }' "$results"
  echo
  awk -v many="$many" -v status="$mooring_status" -v skip_ssh="$skip_ssh" '
    $1 == "connector_rss" { hwm = $3; sampled = $2; next }
    { k = ($2 == "bulk" ? "bulk" : $3); v[$1, k] = $4; p50[$1, k] = $5 }
    function share(part, whole) { return (whole > 0 && part != "") ? sprintf("%.0f", 100 * part / whole) : "" }
    function check(name, value, op, limit, unit) {
      if (value == "" || limit == "") { printf "- %s: not measured (CASES)\n", name; return }
      x = value + 0 # sprintf gave a string: compare numbers
      ok = (op == ">=" ? x >= limit : (op == "<=" ? x <= limit : x < limit))
      printf "- %s: %s%s (target %s %s%s): %s\n", name, value, unit, op, limit, unit, (ok ? "met" : "NOT met")
    }
    END {
      f1 = v["ssh-fair", 1]; fm = v["ssh-fair", many]; fb = v["ssh-fair", "bulk"]
      d1 = v["direct", 1]; dm = v["direct", many]; db = v["direct", "bulk"]
      if (status != "measured") {
        printf "Targets for the Mooring path in this run (%s): requests/s on 1 connection >= %d (fair ssh);" \
          " on %d >= %d (fair ssh %d, 40 %% of direct %d); MiB/s >= %d (fair ssh %d, 50 %% of direct %d);" \
          " p50 on 1 connection <= %d µs (direct %d + 100); connector RSS < 128 MB\n",
          (status == "failed" ? "the Mooring part failed" : "the Mooring part was skipped"), f1, many,
          (fm > 0.4 * dm ? fm : 0.4 * dm), fm, 0.4 * dm, (fb > 0.5 * db ? fb : 0.5 * db), fb, 0.5 * db,
          p50["direct", 1] + 100, p50["direct", 1]
        exit
      }
      m1 = v["mooring", 1]; mm = v["mooring", many]; mb = v["mooring", "bulk"]
      print "Targets (Mooring against the fair ssh tunnel and direct, this run):"
      if (skip_ssh == 1) {
        print "- the targets against fair ssh: not measured (SKIP_SSH=1)"
      } else {
        check("requests/s on 1 connection vs fair ssh", m1, ">=", f1, "")
        check("requests/s on " many " connections vs fair ssh", mm, ">=", fm, "")
        check("MiB/s vs fair ssh", mb, ">=", fb, "")
      }
      check("requests/s on " many " connections, share of direct", share(mm, dm), ">=", 40, " %")
      added = ((("mooring", 1) in p50) && (("direct", 1) in p50)) ? p50["mooring", 1] - p50["direct", 1] : ""
      check("added p50 on 1 connection", added, "<=", 100, " µs")
      check("MiB/s, share of direct", share(mb, db), ">=", 50, " %")
      check("connector peak RSS (VmHWM)", sprintf("%.1f", hwm / 1024), "<", 128, " MB")
    }' "$results"
} | tee -a "$summary"

echo
echo "== Summary =="
cat "$summary"
if ((failed)); then
  echo "FAILED: see above"
  exit 1
fi
