#!/usr/bin/env bash
# Load benchmark of shard-http (issue 5): wrk against POST /v1/commands ("/r 1d20+5") and, in the same
# run, against a minimal Netty hello-world (the ceiling); then the same command with one
# AssemblyScript plug in the channel; then the WebSocket load client. Prints one table with ratios.
#
# Every row also gives the server's CPU time per request (all its threads, user + system, read from
# /proc over the measured run): wrk shares the machine, so requests/s alone says little on 2 cores.
# The command rows add the server's own p99 (its /metrics histogram, from a decoded request to the
# answer written: the bucket bound that holds 99%), and every row the machine's CPU use (all cores,
# with the share stolen by the hypervisor) over the run, to tell the server's latency from the
# machine's scheduling.
#
# Usage: bench/http/run.sh [SECONDS=10] [CONNECTIONS=50] [PLUG_WASM=plugs/examples/assemblyscript/dice-words.wasm]
# Environment: WARM_SECONDS (default 20) of load before each measured run; COMMIT_WAIT=1 adds a
# row for a second server answering only after its events are committed (serve --answer-after-commit);
# SERVE_ARGS, extra flags for every `sidekick serve` (e.g. "--io-threads 1", "--event-commit-window-ms 10").
# Needs: wrk (apt-get install -y wrk), curl, and the jars: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_RUN="${1:-10}"
CONNECTIONS="${2:-50}"
PLUG_WASM="${3:-plugs/examples/assemblyscript/dice-words.wasm}"
THREADS=2
# SPLIT_CORES=1 runs the servers on CPU 0 and the load clients on CPU 1 (one wrk thread), as if
# they were separate machines: the servers' latency without the load client's scheduling in it.
SERVER_CPUS=()
CLIENT_CPUS=()
if [[ "${SPLIT_CORES:-0}" == 1 ]]; then
  (( $(nproc) >= 2 )) || { echo "SPLIT_CORES needs 2 cores" >&2; exit 1; }
  SERVER_CPUS=(taskset -c 0)
  CLIENT_CPUS=(taskset -c 1)
  THREADS=1
fi
# The server runs through the ./sidekick launcher with its default JVM options, as a user runs it;
# the hello-world gets the same options (common.sh reads them from the launcher), transport and
# thread counts.
source bench/http/common.sh
unset SIDEKICK_JAVA_OPTS
SIDEKICK_JAR=cli/target/sidekick.jar
BENCH_JAR=bench/target/benchmarks.jar
require "$SIDEKICK_JAR" "$BENCH_JAR"
WORK="$(mktemp -d)"
trap stop_servers EXIT

# Starts a server in the background, waits for its "listening on URL" line, prints the URL.
start() {
  local name="$1"; shift
  "${SERVER_CPUS[@]}" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  echo $! >"$WORK/$name.pid"
  await_url "$WORK/$name.out" || { cat "$WORK/$name.err" >&2; exit 1; }
}

HELLO_URL="$(start hello java "${JAVA_OPTS[@]}" -cp "$BENCH_JAR" sidekick.bench.http.HelloWorldServer --port 0)"
read -r -a SERVE_ARGS <<<"${SERVE_ARGS:-}"
CORE_URL="$(start sidekick ./sidekick serve --port 0 --data "$WORK/data" --token-rate 0 --channel-rate 0 ${SERVE_ARGS[@]+"${SERVE_ARGS[@]}"})"
export SIDEKICK_TOKEN="$(cat "$WORK/data/admin.token")"
HELLO_PID="$(cat "$WORK/hello.pid")"
CORE_PID="$(cat "$WORK/sidekick.pid")"

# The machine's CPU ticks so far: "busy steal total" (all cores; /proc/stat's first line)
machine_ticks() { awk '/^cpu / {busy = $2 + $3 + $4 + $7 + $8; total = busy + $5 + $6 + $9; print busy, $9, total}' /proc/stat; }

# The core's latency histogram of POST /v1/commands (route "command"): cumulative counts per bucket,
# "le=count le=count ...", measured by the server from a decoded request to its answer written
server_histogram() {
  curl -sf -H "Authorization: Bearer $SIDEKICK_TOKEN" "$1/metrics" \
    | awk -F'[{}" ]+' '/^sidekick_http_request_seconds_bucket\{route="command"/ {printf "%s=%s ", $5, $6}'
}

# The smallest histogram bound (ms) under which 99% of the commands between two snapshots fell
server_p99() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    n = split(b, after, " "); split(a, before, " ")
    for (i = 1; i <= n; i++) { split(after[i], x, "="); split(before[i], y, "="); le[i] = x[1]; c[i] = x[2] - y[2] }
    total = c[n]
    if (total <= 0) { print "-"; exit }
    for (i = 1; i <= n; i++) if (c[i] >= 0.99 * total) { print (le[i] == "+Inf" ? "+Inf" : "<= " le[i] * 1000); exit }
  }'
}

# wrk run against the server of PID -> "requests_per_second p99_millis non200 cpu_micros_per_request
# machine_busy_percent machine_steal_percent"
measure() {
  local pid="$1" url="$2"; shift 2
  local out t0 t1 m0 m1
  t0="$(ticks "$pid")"
  m0="$(machine_ticks)"
  out="$WORK/wrk.last"
  "${CLIENT_CPUS[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$@" "$url" >"$out"
  m1="$(machine_ticks)"
  t1="$(ticks "$pid")"
  cat "$out" >>"$WORK/wrk.log"
  local cpu
  cpu="$(awk -v t=$((t1 - t0)) -v hz="$HZ" -v n="$(wrk_requests "$out")" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')"
  local usage
  usage="$(awk -v a="$m0" -v b="$m1" 'BEGIN {split(a, x, " "); split(b, y, " "); t = y[3] - x[3]; if (t <= 0) t = 1;
    printf "%.0f %.1f", 100 * (y[1] - x[1]) / t, 100 * (y[2] - x[2]) / t}')"
  echo "$(wrk_rps "$out") $(wrk_p99_ms "$out") $(wrk_non2xx "$out") $cpu $usage"
}

# measure, plus the server's own p99 of the command route over the same run (see server_histogram)
measure_command() {
  local url="${2%%/v1/*}" before after result # the server's root, for /metrics
  before="$(server_histogram "$url")"
  result="$(measure "$@")"
  after="$(server_histogram "$url")"
  echo "$result $(server_p99 "$before" "$after" | tr ' ' '_')"
}

# The core's command path needs ~20 s of load before the JIT has compiled it (5 s measured half the
# steady rate), so every target gets WARM_SECONDS of load before it is measured, in two wrk runs:
# new connections make the JIT redo the event loop's hot methods (they were compiled before any
# connection closed), and with one warm-up run that happened in the first second of the measured one.
WARM_SECONDS="${WARM_SECONDS:-20}"
warm() {
  local half=$(((WARM_SECONDS + 1) / 2))
  "${CLIENT_CPUS[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${half}s" "$@" >/dev/null
  "${CLIENT_CPUS[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${half}s" "$@" >/dev/null
}

# Each target's warm-up comes right before its measurement: a measurement right after another
# target's load (other code paths, new connections) ran on code the JIT was still redoing. The first
# /metrics scrape of a server also comes before its warm-up, not at the start of a measured run.
read -r H1_RPS H1_P99 _ H1_CPU H1_BUSY H1_STEAL <<<"$(warm "$HELLO_URL/"; measure "$HELLO_PID" "$HELLO_URL/")"
# the hello-world answering the very request of the command rows (a POST with a token and a JSON
# body instead of a bare GET): how much of the gap is the request itself
read -r HP_RPS HP_P99 _ HP_CPU HP_BUSY HP_STEAL <<<"$(CHANNEL=bench warm -s bench/http/command.lua "$HELLO_URL/v1/commands"
  CHANNEL=bench measure "$HELLO_PID" "$HELLO_URL/v1/commands" -s bench/http/command.lua)"
server_histogram "$CORE_URL" >/dev/null
read -r C_RPS C_P99 C_BAD C_CPU C_BUSY C_STEAL C_SP99 <<<"$(CHANNEL=bench warm -s bench/http/command.lua "$CORE_URL/v1/commands"
  CHANNEL=bench measure_command "$CORE_PID" "$CORE_URL/v1/commands" -s bench/http/command.lua)"
# the same call with a text that is no command: the server's own cost plus the core's cheapest path
read -r N_RPS N_P99 N_BAD N_CPU N_BUSY N_STEAL N_SP99 <<<"$(CHANNEL=bench-chat TEXT="good evening all" warm -s bench/http/command.lua "$CORE_URL/v1/commands"
  CHANNEL=bench-chat TEXT="good evening all" measure_command "$CORE_PID" "$CORE_URL/v1/commands" -s bench/http/command.lua)"

PLUG_LINE=""
if [[ -f "$PLUG_WASM" ]]; then
  curl -sf -X PUT -H "Authorization: Bearer $SIDEKICK_TOKEN" -H "Content-Type: application/wasm" \
    --data-binary "@$PLUG_WASM" "$CORE_URL/v1/channels/bench-plug/plugs/bench?user=bench" >"$WORK/plug.json"
  CHANNEL=bench-plug warm -s bench/http/command.lua "$CORE_URL/v1/commands"
  read -r P_RPS P_P99 P_BAD P_CPU P_BUSY P_STEAL P_SP99 <<<"$(CHANNEL=bench-plug measure_command "$CORE_PID" "$CORE_URL/v1/commands" -s bench/http/command.lua)"
  PLUG_LINE="yes"
fi

AFTERCOMMIT_LINE=""
if [[ "${COMMIT_WAIT:-0}" == 1 ]]; then
  # a second core whose answers wait for their events' commit (nothing answered is lost to a crash)
  AFTERCOMMIT_URL="$(start aftercommit ./sidekick serve --answer-after-commit ${SERVE_ARGS[@]+"${SERVE_ARGS[@]}"} \
    --port 0 --data "$WORK/data-aftercommit" --token-rate 0 --channel-rate 0)"
  AFTERCOMMIT_PID="$(cat "$WORK/aftercommit.pid")"
  AFTERCOMMIT_TOKEN="$(cat "$WORK/data-aftercommit/admin.token")"
  SIDEKICK_TOKEN="$AFTERCOMMIT_TOKEN" server_histogram "$AFTERCOMMIT_URL" >/dev/null
  SIDEKICK_TOKEN="$AFTERCOMMIT_TOKEN" CHANNEL=bench warm -s bench/http/command.lua "$AFTERCOMMIT_URL/v1/commands"
  read -r W_RPS W_P99 W_BAD W_CPU W_BUSY W_STEAL W_SP99 <<<"$(SIDEKICK_TOKEN="$AFTERCOMMIT_TOKEN" CHANNEL=bench measure_command "$AFTERCOMMIT_PID" "$AFTERCOMMIT_URL/v1/commands" -s bench/http/command.lua)"
  kill "$AFTERCOMMIT_PID" 2>/dev/null || true
  AFTERCOMMIT_LINE="yes"
fi

read -r H2_RPS H2_P99 _ H2_CPU H2_BUSY H2_STEAL <<<"$(warm "$HELLO_URL/"; measure "$HELLO_PID" "$HELLO_URL/")"
H_RPS="$(awk -v a="$H1_RPS" -v b="$H2_RPS" 'BEGIN {printf "%.0f", (a+b)/2}')"
H_CPU="$(awk -v a="$H1_CPU" -v b="$H2_CPU" 'BEGIN {printf "%.1f", (a+b)/2}')"

WS_JSON="$("${CLIENT_CPUS[@]}" java "${JAVA_OPTS[@]}" -cp "$BENCH_JAR" sidekick.bench.http.WsLoadClient --url "$CORE_URL" \
  --token "$SIDEKICK_TOKEN" --connections "$CONNECTIONS" --depth 1 --seconds "$SECONDS_PER_RUN" --channel bench-ws)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f%%", 100*a/b}'; }
echo
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s --latency${SERVER_CPUS:+ (servers on CPU 0, load clients on CPU 1)}; java $(java -version 2>&1 | head -1 | cut -d'"' -f2) ${JAVA_OPTS[*]}; $(grep -o '([a-z]*, [0-9]* event loops)' "$WORK/hello.out" | head -1)${SERVE_ARGS[@]+; serve ${SERVE_ARGS[*]}}"
echo
echo "| target | requests/s | p99 | vs hello-world | server CPU µs/request | hello-world CPU / this | server-side p99 | machine CPU busy (steal) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
echo "| Netty hello-world (mean of before/after: $H1_RPS, $H2_RPS) | $H_RPS | ${H1_P99} / ${H2_P99} ms | 100% | $H_CPU ($H1_CPU, $H2_CPU) | 100% | | $H1_BUSY% ($H1_STEAL%) / $H2_BUSY% ($H2_STEAL%) |"
echo "| hello-world answering the same POST as the rows below | $HP_RPS | $HP_P99 ms | $(ratio "$HP_RPS" "$H_RPS") | $HP_CPU | $(ratio "$H_CPU" "$HP_CPU") | | $HP_BUSY% ($HP_STEAL%) |"
echo "| POST /v1/commands \`/r 1d20+5\` | $C_RPS | $C_P99 ms | $(ratio "$C_RPS" "$H_RPS") | $C_CPU | $(ratio "$H_CPU" "$C_CPU") | ${C_SP99//_/ } ms | $C_BUSY% ($C_STEAL%) |"
echo "| POST /v1/commands, chat text that is no command (\`{\"reply\": null}\`) | $N_RPS | $N_P99 ms | $(ratio "$N_RPS" "$H_RPS") | $N_CPU | $(ratio "$H_CPU" "$N_CPU") | ${N_SP99//_/ } ms | $N_BUSY% ($N_STEAL%) |"
if [[ -n "$PLUG_LINE" ]]; then
  echo "| same, one AssemblyScript plug ($(basename "$PLUG_WASM")) in the channel | $P_RPS | $P_P99 ms | $(ratio "$P_RPS" "$H_RPS") | $P_CPU | $(ratio "$H_CPU" "$P_CPU") | ${P_SP99//_/ } ms | $P_BUSY% ($P_STEAL%) |"
fi
if [[ -n "$AFTERCOMMIT_LINE" ]]; then
  echo "| \`/r 1d20+5\`, answers after their events' commit (--answer-after-commit) | $W_RPS | $W_P99 ms | $(ratio "$W_RPS" "$H_RPS") | $W_CPU | $(ratio "$H_CPU" "$W_CPU") | ${W_SP99//_/ } ms | $W_BUSY% ($W_STEAL%) |"
fi
echo
echo "non-2xx answers: commands $C_BAD, chat $N_BAD${PLUG_LINE:+, with plug $P_BAD}${AFTERCOMMIT_LINE:+, after commit $W_BAD}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "WebSocket load client ($CONNECTIONS connections, 1 command in flight each): $WS_JSON"
