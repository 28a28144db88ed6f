#!/usr/bin/env bash
# Before/after of two builds of the server under the same load, for a machine shared with other work:
# the BASE jar (e.g. a copy of cli/target/sidekick.jar built before a change), the NEW jar and the
# Netty hello-world run at once and are measured in turn, ROUNDS times SECONDS each, so that load from
# elsewhere hits all three alike. Prints every round (requests/s, p99, server CPU µs per request,
# non-2xx answers, and the CPU per request of the request threads alone: event loops and event
# writer) and the median round of each by CPU per request.
#
# Usage: bench/http/ab.sh BASE_JAR [NEW_JAR=cli/target/sidekick.jar]
# Environment: ROUNDS (6), SECONDS_PER_ROUND (5), WARM_SECONDS (15, each server), TEXT ("/r 1d20+5"),
# BASE_ARGS and NEW_ARGS (extra flags for each server's `serve`: one jar can be run against itself
# with another setting, e.g. BASE_ARGS=--commands-on-event-loop),
# GC_LOG_DIR (when set, each server writes -Xlog:gc there: allocation per request from the young
# collections). Needs: wrk, and the jars: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE_JAR="${1:?base jar}"; NEW_JAR="${2:-cli/target/sidekick.jar}"
ROUNDS="${ROUNDS:-6}"; SECS="${SECONDS_PER_ROUND:-5}"; WARM="${WARM_SECONDS:-15}"
source bench/http/common.sh
require "$BASE_JAR" "$NEW_JAR" bench/target/benchmarks.jar
WORK="$(mktemp -d)"
trap stop_servers EXIT

serve() { # name jar [serve flags...]
  local name="$1" jar="$2" gc=()
  shift 2
  [[ -n "${GC_LOG_DIR:-}" ]] && gc=("-Xlog:gc:file=$GC_LOG_DIR/gc-$name.log")
  java "${JAVA_OPTS[@]}" "${gc[@]}" -jar "$jar" serve --port 0 --data "$WORK/$name" --token-rate 0 --channel-rate 0 "$@" \
    >"$WORK/$name.out" 2>&1 &
  echo $! >"$WORK/$name.pid"
}
# shellcheck disable=SC2086 # the flags are words
serve base "$BASE_JAR" ${BASE_ARGS:-}
# shellcheck disable=SC2086
serve new "$NEW_JAR" ${NEW_ARGS:-}
java "${JAVA_OPTS[@]}" -cp bench/target/benchmarks.jar sidekick.bench.http.HelloWorldServer --port 0 >"$WORK/hello.out" 2>&1 &
echo $! >"$WORK/hello.pid"
for n in base new hello; do await_url "$WORK/$n.out" >"$WORK/$n.url"; done
url() { cat "$WORK/$1.url"; }
# CPU ticks of the threads that serve the requests (event loops, event writer): the JIT compiler's
# and other threads' time, which varies from run to run, left out
request_ticks() {
  local t sum=0
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      sidekick-io*|hello-io*|sidekick-event*) sum=$((sum + $(stat_ticks "$t/stat"))) ;;
    esac
  done
  echo "$sum"
}
export CHANNEL=bench TEXT="${TEXT:-/r 1d20+5}"

# one wrk run against a server -> "name requests/s p99 cpu_µs/request non2xx request_threads_cpu_µs/request"
run() {
  local n="$1" pid target args=() t0 t1 r0 r1 requests
  pid="$(cat "$WORK/$n.pid")"
  if [[ "$n" == hello ]]; then target="$(url hello)/"; else
    export SIDEKICK_TOKEN="$(cat "$WORK/$n/admin.token")"; target="$(url "$n")/v1/commands"; args=(-s bench/http/command.lua)
  fi
  t0="$(ticks "$pid")"; r0="$(request_ticks "$pid")"
  wrk -t2 -c50 -d"$2"s --latency "${args[@]}" "$target" >"$WORK/wrk.$n"
  t1="$(ticks "$pid")"; r1="$(request_ticks "$pid")"
  requests="$(awk '/requests in/ {print $1}' "$WORK/wrk.$n")"
  echo "$requests" >>"$WORK/requests.$n"
  echo "$n $(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.$n") $(awk '$1 == "99%" {print $2}' "$WORK/wrk.$n")" \
    "$(awk -v a="$t0" -v b="$t1" -v r="$requests" -v hz="$HZ" 'BEGIN {printf "%.1f", (b - a) * 1e6 / hz / r}')" \
    "$(grep -o "non-200 answers: [0-9]*" "$WORK/wrk.$n" | awk '{print $3}' | grep . || echo -)" \
    "$(awk -v a="$r0" -v b="$r1" -v r="$requests" -v hz="$HZ" 'BEGIN {printf "%.1f", (b - a) * 1e6 / hz / r}')"
}
for n in base new hello; do run "$n" "$WARM" >/dev/null; done
echo "target requests/s p99 cpu_µs/request non-2xx request_threads_µs/request"
for _ in $(seq 1 "$ROUNDS"); do for n in base new hello; do run "$n" "$SECS"; done; done | tee "$WORK/rounds"
for n in base new; do echo "$n: $(paste -sd+ "$WORK/requests.$n" | bc) requests in all (warm-up included)"; done
echo "median rounds by CPU per request:"
for n in base new hello; do
  awk -v n="$n" '$1 == n' "$WORK/rounds" | sort -k4 -n | awk '{r[NR] = $0} END {print r[int((NR + 1) / 2)]}'
done
echo "median CPU µs per request of the request threads (event loops, event writer), and the spread:"
for n in base new hello; do
  awk -v n="$n" '$1 == n {print $6}' "$WORK/rounds" | sort -n \
    | awk -v n="$n" '{v[NR] = $1} END {print n, v[int((NR + 1) / 2)], "(" v[1] "-" v[NR] ")"}'
done
# each round's new against the base measured just before it (the same load from elsewhere)
echo "median new/base ratio of the request threads' CPU per request over the rounds, and the spread:"
awk '$1 == "base" {b = $6} $1 == "new" {print $6 / b}' "$WORK/rounds" | sort -n \
  | awk '{v[NR] = $1} END {printf "%.3f (%.3f-%.3f)\n", v[int((NR + 1) / 2)], v[1], v[NR]}'
