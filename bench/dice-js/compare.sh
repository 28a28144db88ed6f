#!/usr/bin/env bash
# Sidekick's dice engine (JMH) against @dice-roller/rpg-dice-roller (node), case by case, node
# right after JMH, so both sides see nearly the same machine (for rounds a second apart, see
# paired.sh); prints the Markdown table for
# docs/benchmarks.md. Needs bench/target/benchmarks.jar (mvn -q -DskipTests package) and node.
#   bench/dice-js/compare.sh            # about 8 minutes
source "$(dirname "$0")/prepare.sh"
out="${DICE_BENCH_OUT:-$(mktemp -d)}"
mkdir -p "$out"
jmh=(-f 1 -wi 3 -w 2s -i 5 -r 2s -rf json)
# JMH refuses to start while another JMH run holds /tmp/jmh.lock (other benchmarks on a shared
# machine); wait for it rather than measure on top of it.
run_jmh() {
  local log="$1"; shift
  for attempt in $(seq 1 40); do
    if java -jar "$jar" "$@" >"$log" 2>&1; then return 0; fi
    grep -q 'Unable to acquire the JMH lock' "$log" || { cat "$log" >&2; return 1; }
    sleep 15
  done
  echo "gave up waiting for the JMH lock" >&2; return 1
}
n=0
for expr in '1d20+5' '4d6kh3' '10d10!>8' '(2d6+3)*2'; do
  n=$((n + 1))
  [ -f "$out/js$n.json" ] && continue # resume an interrupted run (DICE_BENCH_OUT=dir)
  run_jmh "$out/jmh$n.log" 'sidekick.bench.dice.DiceBenchmark.(uncached|cached)$' -p "expr=$expr" "${jmh[@]}" -rff "$out/jmh$n.json"
  node "$here/bench.js" 5 "$expr" >"$out/js$n.json" 2>"$out/js$n.rounds"
done
if [ ! -f "$out/js-inline.json" ]; then
  run_jmh "$out/jmh-inline.log" 'sidekick.bench.dice.InlineBenchmark' "${jmh[@]}" -rff "$out/jmh-inline.json"
  node "$here/bench.js" 5 inline >"$out/js-inline.json" 2>"$out/js-inline.rounds"
fi
run_jmh "$out/stats.log" 'sidekick.bench.dice.StatsBenchmark' -f 1 -wi 3 -w 2s -i 5 -r 2s

echo "finished: $(date -u '+%Y-%m-%d %H:%M UTC'); nproc: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1); node: $(node --version)"
echo
node "$here/report.js" "$out"/jmh*.json -- "$out"/js*.json
echo
grep -E '^(Benchmark|StatsBenchmark)' "$out/stats.log"
echo
echo "rpg-dice-roller rounds (ops/s; the table uses each case's best):"
cat "$out"/js*.rounds
echo "raw results: $out"
