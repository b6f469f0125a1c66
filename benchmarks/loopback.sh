# Sourced by the load benchmarks on loopback (connectivity.sh, relay-ceiling.sh): installing the tools they miss,
# ports, and the back end they all measure. Expects the repository root as the working folder; start_backend also
# expects JAVA_HOME and classpath (from ./mooring env and the benchmarks module's jars).

# apt_install <description> <package>...: Debian's packages, with apt-get, when the caller found something missing.
apt_install() {
  local what=$1 sudo=""
  shift
  [[ $(id -u) -eq 0 ]] || sudo=sudo
  if command -v apt-get >/dev/null && { [[ -z $sudo ]] || command -v sudo >/dev/null; }; then
    echo "$what is missing: installing Debian's $*"
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 $sudo apt-get update -q >/dev/null && timeout 600 $sudo apt-get install -y -q "$@" >/dev/null ||
      { echo "apt-get could not install $*; install them and run again" >&2; exit 1; }
  else
    echo "$what is missing and apt-get cannot install it here; install $* (Debian packages) and run again" >&2
    exit 1
  fi
}

# listening <port>: succeeds when something accepts connections on 127.0.0.1:<port> (bash's /dev/tcp, no process).
listening() { { exec 4<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null && exec 4<&-; }

# port_free <port>...: fails, naming it, when something already listens on one of them.
port_free() {
  local p
  for p in "$@"; do
    if listening "$p"; then
      echo "port $p on 127.0.0.1 is taken: stop what listens there or choose another port (see the environment)" >&2
      return 1
    fi
  done
}

# start_backend <log> <threads>: starts BenchBackend (Netty, epoll; GET /small = 13 bytes, GET /bulk = 1 MiB) on a
# port of its choosing, with <threads> event loops; sets backend_pid. backend_port_of tells the port once it listens.
start_backend() {
  local java_version
  local -a java_opts=(--enable-native-access=ALL-UNNAMED)
  java_version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")
  ((java_version < 23)) || java_opts+=(--sun-misc-unsafe-memory-access=allow)
  "$JAVA_HOME/bin/java" "${java_opts[@]}" -XX:+UseSerialGC -Xms256m -Xmx256m -Dio.netty.leakDetection.level=disabled \
    -cp "$classpath" io.mooring.benchmarks.BenchBackend 0 "$2" >"$1" 2>&1 &
  backend_pid=$!
}

# backend_port_of <log>: the back end's port once it has written its whole "listening" line, else nothing.
backend_port_of() { sed -n 's/^listening 127\.0\.0\.1:\([0-9][0-9]*\) .*/\1/p' "$1"; }
