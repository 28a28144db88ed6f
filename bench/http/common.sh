# Shared by the load scripts of bench/http (sourced, not run): the launcher's JVM options, a server's
# URL once it listens, and CPU ticks read from /proc.

# The launcher's default JVM options (./sidekick), so every server runs as a user runs it.
read -r -a JAVA_OPTS <<<"$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' sidekick)"
HZ="$(getconf CLK_TCK)"

# Stops (and waits for) every server the script started, each named by a file $WORK/NAME.pid, and
# removes $WORK: the scripts' exit trap.
stop_servers() {
  local pid
  for pid in $(cat "$WORK"/*.pid 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  for pid in $(cat "$WORK"/*.pid 2>/dev/null); do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$WORK"
}

# Exits with the command to run when a file the script needs (a jar, a plug) or wrk is missing.
require() {
  local f
  for f in "$@"; do [[ -f "$f" ]] || { echo "missing $f: run mvn -q -DskipTests package" >&2; exit 1; }; done
  command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
}

# Waits until the server logging to FILE prints "listening on URL" (at most 60 s), then prints the URL.
await_url() {
  local file="$1"
  for _ in $(seq 1 300); do
    if grep -q "listening on" "$file" 2>/dev/null; then
      grep -o "listening on [^ ]*" "$file" | head -1 | cut -d' ' -f3
      return
    fi
    sleep 0.2
  done
  echo "no server started; its output:" >&2; cat "$file" >&2; return 1
}

# user + system CPU ticks in a /proc .../stat file (the fields after the command's closing parenthesis)
stat_ticks() { sed 's/.*) //' "$1" | awk '{print $12 + $13}'; }
# all threads of a process
ticks() { stat_ticks "/proc/$1/stat"; }

# wrk's "Requests/sec", its p99 in milliseconds, its request count and its non-2xx answers (its own
# count, or bench/http/command.lua's), from its --latency output
wrk_non2xx() { awk '/Non-2xx/ {n = $4} /non-200 answers/ {n = $3} END {print n + 0}' "$1"; }
wrk_rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
wrk_requests() { awk '/requests in/ {print $1}' "$1"; }
wrk_p99_ms() {
  awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms/, "", v)}
    else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; print v}' "$1"
}
