#!/usr/bin/env bash
# Load benchmark of shard-http (issue 5): wrk against POST /v1/commands ("/r 1d20+5") and, in the same
# run, against a minimal Netty hello-world (the ceiling); then the same command with one
# AssemblyScript plug in the channel; then the WebSocket load client. Prints one table with ratios.
#
# Usage: bench/http/run.sh [SECONDS=10] [CONNECTIONS=50] [PLUG_WASM=plugs/examples/assemblyscript/dice-words.wasm]
# Needs: wrk (apt-get install -y wrk), curl, and the jars: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_RUN="${1:-10}"
CONNECTIONS="${2:-50}"
PLUG_WASM="${3:-plugs/examples/assemblyscript/dice-words.wasm}"
THREADS=2
JAVA_OPTS=(-Xms256m -Xmx512m -XX:+UseParallelGC)
SIDEKICK_JAR=cli/target/sidekick.jar
BENCH_JAR=bench/target/benchmarks.jar

for f in "$SIDEKICK_JAR" "$BENCH_JAR"; do
  [[ -f "$f" ]] || { echo "missing $f: run mvn -q -DskipTests package" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }

WORK="$(mktemp -d)"
# start runs in a $(...) subshell, so the servers' PIDs go to a file, not to a variable
cleanup() {
  local pid
  for pid in $(cat "$WORK/pids" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  for pid in $(cat "$WORK/pids" 2>/dev/null); do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# Starts a server in the background, waits for its "listening on URL" line, prints the URL.
start() {
  local name="$1"; shift
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  echo $! >>"$WORK/pids"
  for _ in $(seq 1 600); do
    if grep -q "listening on" "$WORK/$name.out" 2>/dev/null; then
      grep -o "listening on [^ ]*" "$WORK/$name.out" | head -1 | cut -d' ' -f3
      return
    fi
    sleep 0.1
  done
  echo "$name did not start:" >&2; cat "$WORK/$name.err" >&2; exit 1
}

HELLO_URL="$(start hello java "${JAVA_OPTS[@]}" -cp "$BENCH_JAR" sidekick.bench.http.HelloWorldServer --port 0)"
CORE_URL="$(start sidekick java "${JAVA_OPTS[@]}" -jar "$SIDEKICK_JAR" serve --port 0 --data "$WORK/data" \
  --token-rate 0 --channel-rate 0)"
export SIDEKICK_TOKEN="$(cat "$WORK/data/admin.token")"

# wrk run -> "requests_per_second p99_millis non200"
measure() {
  local url="$1"; shift
  local out
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$@" "$url")"
  echo "$out" >>"$WORK/wrk.log"
  local rps p99 non200
  rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
  p99="$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')"
  non200="$(echo "$out" | awk '/Non-2xx/ {print $4} /non-200 answers/ {print $3}' | head -1)"
  echo "$rps $p99 ${non200:-0}"
}

# The core's command path needs ~20 s of load before the JIT has compiled it (5 s measured half the
# steady rate), so every target gets WARM_SECONDS of load before it is measured.
WARM_SECONDS="${WARM_SECONDS:-20}"
warm() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM_SECONDS}s" "$@" >/dev/null; }

echo "warming up..." >&2
warm "$HELLO_URL/"
CHANNEL=bench warm -s bench/http/command.lua "$CORE_URL/v1/commands"
CHANNEL=bench-chat TEXT="good evening all" warm -s bench/http/command.lua "$CORE_URL/v1/commands"

read -r H1_RPS H1_P99 _ <<<"$(measure "$HELLO_URL/")"
read -r C_RPS C_P99 C_BAD <<<"$(CHANNEL=bench measure "$CORE_URL/v1/commands" -s bench/http/command.lua)"
# the same call with a text that is no command: the server's own cost plus the core's cheapest path
read -r N_RPS N_P99 N_BAD <<<"$(CHANNEL=bench-chat TEXT="good evening all" measure "$CORE_URL/v1/commands" -s bench/http/command.lua)"

PLUG_LINE=""
if [[ -f "$PLUG_WASM" ]]; then
  curl -sf -X PUT -H "Authorization: Bearer $SIDEKICK_TOKEN" -H "Content-Type: application/wasm" \
    --data-binary "@$PLUG_WASM" "$CORE_URL/v1/channels/bench-plug/plugs/bench?user=bench" >"$WORK/plug.json"
  CHANNEL=bench-plug warm -s bench/http/command.lua "$CORE_URL/v1/commands"
  read -r P_RPS P_P99 P_BAD <<<"$(CHANNEL=bench-plug measure "$CORE_URL/v1/commands" -s bench/http/command.lua)"
  PLUG_LINE="yes"
fi

read -r H2_RPS H2_P99 _ <<<"$(measure "$HELLO_URL/")"
H_RPS="$(awk -v a="$H1_RPS" -v b="$H2_RPS" 'BEGIN {printf "%.0f", (a+b)/2}')"

WS_JSON="$(java "${JAVA_OPTS[@]}" -cp "$BENCH_JAR" sidekick.bench.http.WsLoadClient --url "$CORE_URL" \
  --token "$SIDEKICK_TOKEN" --connections "$CONNECTIONS" --depth 1 --seconds "$SECONDS_PER_RUN" --channel bench-ws)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f%%", 100*a/b}'; }
echo
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s --latency; java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
echo
echo "| target | requests/s | p99 | vs hello-world |"
echo "| --- | ---: | ---: | ---: |"
echo "| Netty hello-world (mean of before/after: $H1_RPS, $H2_RPS) | $H_RPS | ${H1_P99} / ${H2_P99} ms | 100% |"
echo "| POST /v1/commands \`/r 1d20+5\` | $C_RPS | $C_P99 ms | $(ratio "$C_RPS" "$H_RPS") |"
echo "| POST /v1/commands, chat text that is no command (\`{\"reply\": null}\`) | $N_RPS | $N_P99 ms | $(ratio "$N_RPS" "$H_RPS") |"
if [[ -n "$PLUG_LINE" ]]; then
  echo "| same, one AssemblyScript plug ($(basename "$PLUG_WASM")) in the channel | $P_RPS | $P_P99 ms | $(ratio "$P_RPS" "$H_RPS") |"
fi
echo
echo "non-2xx answers: commands $C_BAD, chat $N_BAD${PLUG_LINE:+, with plug $P_BAD}"
echo "WebSocket load client ($CONNECTIONS connections, 1 command in flight each): $WS_JSON"
