#!/usr/bin/env bash
# Issue 5's load targets in interleaved rounds: the Netty hello-world (the ceiling), `/r 1d20+5` and
# the same with one AssemblyScript plug in the channel, each measured for a few seconds in every
# round, in an order that rotates from round to round. A core of a shared machine changes speed by
# up to 1.7x within seconds (docs/benchmarks.md), so run.sh, which measures each target once and
# minutes apart from its ceiling, can meet a different machine in each row; here every ratio is taken
# within one round, between measurements seconds apart, and the result is the median over the rounds.
#
# Usage: bench/http/rounds.sh [ROUNDS=10] [SECONDS_PER_ROUND=5] [CONNECTIONS=50]
# Environment: WARM_SECONDS (20, per target, in two wrk runs: new connections make the JIT redo some
# of the event loop's hot methods, so the warm-up opens and closes them too), PLUG_WASM
# (plugs/examples/assemblyscript/dice-words.wasm), TEXT ("/r 1d20+5"), SIDEKICK_JAR (the server's jar,
# cli/target/sidekick.jar), SERVE_ARGS (extra flags for `sidekick serve`).
# Needs: wrk (apt-get install -y wrk), curl, and the jars: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/http/common.sh

ROUNDS="${1:-10}"; SECS="${2:-5}"; CONNECTIONS="${3:-50}"
WARM="${WARM_SECONDS:-20}"
SIDEKICK_JAR="${SIDEKICK_JAR:-cli/target/sidekick.jar}"
read -r -a SERVE_ARGS <<<"${SERVE_ARGS:-}"
PLUG_WASM="${PLUG_WASM:-plugs/examples/assemblyscript/dice-words.wasm}"
export TEXT="${TEXT:-/r 1d20+5}"
require "$SIDEKICK_JAR" bench/target/benchmarks.jar "$PLUG_WASM"
WORK="$(mktemp -d)"
trap stop_servers EXIT

java "${JAVA_OPTS[@]}" -cp bench/target/benchmarks.jar sidekick.bench.http.HelloWorldServer --port 0 >"$WORK/hello.out" 2>&1 &
echo $! >"$WORK/hello.pid"
java "${JAVA_OPTS[@]}" -jar "$SIDEKICK_JAR" serve --port 0 --data "$WORK/data" --token-rate 0 --channel-rate 0 \
  ${SERVE_ARGS[@]+"${SERVE_ARGS[@]}"} >"$WORK/core.out" 2>&1 &
echo $! >"$WORK/core.pid"
HELLO_URL="$(await_url "$WORK/hello.out")"
CORE_URL="$(await_url "$WORK/core.out")"
export SIDEKICK_TOKEN="$(cat "$WORK/data/admin.token")"
curl -sf -X PUT -H "Authorization: Bearer $SIDEKICK_TOKEN" -H "Content-Type: application/wasm" \
  --data-binary "@$PLUG_WASM" "$CORE_URL/v1/channels/bench-plug/plugs/bench?user=bench" >/dev/null

# one wrk run of SECONDS against a target -> "target requests/s p99_ms server_cpu_µs/request non2xx"
run() {
  local target="$1" seconds="$2" pid url args=() t0 t1
  case "$target" in
    hello) pid="$(cat "$WORK/hello.pid")"; url="$HELLO_URL/" ;;
    command) pid="$(cat "$WORK/core.pid")"; url="$CORE_URL/v1/commands"; args=(-s bench/http/command.lua); export CHANNEL=bench ;;
    plug) pid="$(cat "$WORK/core.pid")"; url="$CORE_URL/v1/commands"; args=(-s bench/http/command.lua); export CHANNEL=bench-plug ;;
  esac
  t0="$(ticks "$pid")"
  wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --latency "${args[@]}" "$url" >"$WORK/wrk"
  t1="$(ticks "$pid")"
  echo "$target $(wrk_rps "$WORK/wrk") $(wrk_p99_ms "$WORK/wrk")" \
    "$(awk -v a="$t0" -v b="$t1" -v r="$(wrk_requests "$WORK/wrk")" -v hz="$HZ" 'BEGIN {printf "%.1f", (b - a) * 1e6 / hz / r}')" \
    "$(wrk_non2xx "$WORK/wrk")"
}

TARGETS=(hello command plug)
for t in "${TARGETS[@]}"; do
  run "$t" $(((WARM + 1) / 2)) >/dev/null
  run "$t" $(((WARM + 1) / 2)) >/dev/null
done

echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "java $(java -version 2>&1 | head -1 | cut -d'"' -f2) ${JAVA_OPTS[*]}; $SIDEKICK_JAR serve ${SERVE_ARGS[*]}; wrk -t2 -c$CONNECTIONS --latency; $ROUNDS rounds of ${SECS} s per target, after ${WARM} s of warm-up each"
echo
echo "| round | order | hello-world requests/s, p99 | \`$TEXT\` requests/s, p99 | ÷ hello-world | with the plug, requests/s, p99 | ÷ hello-world |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
for r in $(seq 1 "$ROUNDS"); do
  order=()
  for i in 0 1 2; do order+=("${TARGETS[$(((r - 1 + i) % 3))]}"); done
  for t in "${order[@]}"; do run "$t" "$SECS"; done >"$WORK/round"
  sed "s/^/$r /" "$WORK/round" >>"$WORK/rounds"
  awk -v r="$r" -v order="${order[*]}" '{rps[$1] = $2; p99[$1] = $3} END {
    printf "| %d | %s | %.0f, %.2f ms | %.0f, %.2f ms | %.3f | %.0f, %.2f ms | %.3f |\n", r, order,
      rps["hello"], p99["hello"], rps["command"], p99["command"], rps["command"] / rps["hello"],
      rps["plug"], p99["plug"], rps["plug"] / rps["hello"] }' "$WORK/round"
done

# the median and the range of the numbers on stdin, one a line, printed with FORMAT (default %.3f)
median() {
  sort -n | awk -v f="${1:-%.3f}" '{v[NR] = $1} END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf f " (" f "-" f ")", m, v[1], v[NR] }'
}
ratios() { awk -v t="$1" '$2 == "hello" {h[$1] = $3} $2 == t {x[$1] = $3} END {for (r in x) print x[r] / h[r]}' "$WORK/rounds"; }
column() { awk -v t="$1" -v c="$2" '$2 == t {print $c}' "$WORK/rounds"; }
echo
echo "Over the $ROUNDS rounds, median (range):"
echo "- \`$TEXT\` ÷ hello-world: $(ratios command | median), at least 0.50 in $(ratios command | awk '$1 >= 0.5' | wc -l) rounds (target 0.50)"
echo "- with the plug ÷ hello-world: $(ratios plug | median), at least 0.35 in $(ratios plug | awk '$1 >= 0.35' | wc -l) rounds (target 0.35)"
for t in "${TARGETS[@]}"; do
  echo "- $t: p99 $(column "$t" 4 | median %.2f) ms, under 5 ms in $(column "$t" 4 | awk '$1 < 5' | wc -l) rounds;" \
    "server CPU $(column "$t" 5 | median %.1f) µs/request; non-2xx answers $(column "$t" 6 | paste -sd+ | bc)"
done
echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
