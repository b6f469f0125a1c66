# Sourced by the benchmark scripts: builds Mooring and its load drivers, starts and stops the server with
# ./mooring start exactly as a user does, and waits for readiness without starting processes.
# Expects the repository root as the working folder and $port, $password and $work (a fresh folder) set; sets
# classpath and JAVA_HOME, and server_pid while a server runs. The server is stopped and $work removed on exit.
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

# One readiness request over bash's /dev/tcp. Polling starts no process: a curl every few milliseconds would
# take CPU from the server whose start is being timed.
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
