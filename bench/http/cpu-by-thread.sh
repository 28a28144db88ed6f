#!/usr/bin/env bash
# Where a server's CPU goes per request, by thread group (event loops, event writer, JIT compiler,
# GC, ...): starts the server, loads it with wrk for WARM seconds, then measures DUR seconds and
# divides each thread group's CPU time (user and system, from /proc) by the requests answered.
#
# Usage: bench/http/cpu-by-thread.sh core|hello [TEXT="/r 1d20+5"] [extra JVM options...]
# Environment: WARM (default 25), DUR (default 10), CONNECTIONS (default 50), PLUG_WASM (core only: a
# module installed in the channel first, e.g. plugs/examples/assemblyscript/dice-words.wasm).
# Needs: wrk, python3, and the jars: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE="${1:?core or hello}"; TEXT="${2:-/r 1d20+5}"; shift $(( $# > 2 ? 2 : $# ))
WORK="$(mktemp -d)"
PID=""
cleanup() { [[ -n "$PID" ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
source bench/http/common.sh
# the launcher's default JVM options (as bench/http/run.sh), then the extra ones given here
JAVA=(java "${JAVA_OPTS[@]}" "$@")
if [[ "$MODE" == hello ]]; then
  "${JAVA[@]}" -cp bench/target/benchmarks.jar sidekick.bench.http.HelloWorldServer --port 0 >"$WORK/out" 2>&1 &
else
  SIDEKICK_JAVA_OPTS="${JAVA_OPTS[*]} $*" ./sidekick serve --port 0 --data "$WORK/data" --token-rate 0 --channel-rate 0 \
    >"$WORK/out" 2>&1 &
fi
PID=$!
URL="$(await_url "$WORK/out")"
ARGS=()
if [[ "$MODE" == hello ]]; then TARGET="$URL/"; else
  export SIDEKICK_TOKEN="$(cat "$WORK/data/admin.token")"; TARGET="$URL/v1/commands"; ARGS=(-s bench/http/command.lua)
  if [[ -n "${PLUG_WASM:-}" ]]; then
    curl -sf -X PUT -H "Authorization: Bearer $SIDEKICK_TOKEN" -H "Content-Type: application/wasm" \
      --data-binary "@$PLUG_WASM" "$URL/v1/channels/bench/plugs/bench?user=bench" >/dev/null
  fi
fi
snapshot() {
  for t in /proc/"$PID"/task/*; do
    name="$(tr -d '0-9' <"$t/comm" 2>/dev/null | tr ' ' '_')" || continue
    sed 's/.*) //' "$t/stat" 2>/dev/null | awk -v n="$name" '{print n, $12, $13}' || true
  done
}
export CHANNEL=bench TEXT
wrk -t2 -c"${CONNECTIONS:-50}" -d"${WARM:-25}s" "${ARGS[@]}" "$TARGET" >/dev/null
snapshot >"$WORK/before"
wrk -t2 -c"${CONNECTIONS:-50}" -d"${DUR:-10}s" --latency "${ARGS[@]}" "$TARGET" >"$WORK/wrk"
snapshot >"$WORK/after"
echo "$MODE${PLUG_WASM:+ + $(basename "$PLUG_WASM")} \"$TEXT\": $(awk '/Requests\/sec/ {print $2 " requests/s"} $1 == "99%" {print "p99 " $2}' "$WORK/wrk" | tr '\n' ' ')"
python3 - "$WORK/before" "$WORK/after" "$(wrk_requests "$WORK/wrk")" "$HZ" <<'PY'
import sys, collections
def load(path):
    d = collections.defaultdict(lambda: [0, 0])
    for line in open(path):
        name, user, system = line.split()
        d[name][0] += int(user); d[name][1] += int(system)
    return d
before, after, requests, hz = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
per = 1e6 / hz / requests
rows = []
for name, (u, s) in after.items():
    u -= before.get(name, [0, 0])[0]; s -= before.get(name, [0, 0])[1]
    if u + s: rows.append((u + s, name, u, s))
print("| thread group | user µs/request | system µs/request |")
print("| --- | ---: | ---: |")
for _, name, u, s in sorted(rows, reverse=True):
    print("| %s | %.1f | %.1f |" % (name, u * per, s * per))
tu = sum(r[2] for r in rows); ts = sum(r[3] for r in rows)
print("| total | %.1f | %.1f |  (%.1f µs/request over %d requests)" % (tu * per, ts * per, (tu + ts) * per, requests))
PY
