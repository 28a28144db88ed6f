#!/usr/bin/env bash
# Sidekick's dice engine against @dice-roller/rpg-dice-roller in alternating rounds of a second
# (sidekick.bench.dice.PairedRounds with node's serve.js): per case, the median of the per-pair
# ratios and their quartiles. compare.sh measures each side for its own 10-16 s, minutes apart;
# on a shared host a core's speed moves by tens of percent within seconds, so this pairs them.
# Prints the Markdown table for docs/benchmarks.md. Needs bench/target/benchmarks.jar and node.
#   bench/dice-js/paired.sh [PAIRS=15] [case ...]    # every case: about 9 minutes
source "$(dirname "$0")/prepare.sh"
pairs="${1:-15}"
shift || true
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  cases=("inline" "inline uncached")
  for expr in '1d20+5' '4d6kh3' '10d10!>8' '(2d6+3)*2'; do cases+=("cached $expr" "uncached $expr"); done
fi
log="${DICE_BENCH_OUT:-$(mktemp -d)}"
mkdir -p "$log"
rows=()
cd "$root"
for c in "${cases[@]}"; do
  # one JVM per case, with the launcher's collector, as the JMH forks run
  rows+=("$(java -XX:+UseParallelGC -Xms256m -Xmx256m -cp "$jar" sidekick.bench.dice.PairedRounds "$c" "$pairs" 1 2>>"$log/pairs.log")")
done
echo "finished: $(date -u '+%Y-%m-%d %H:%M UTC'); nproc: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1); node: $(node --version)"
echo
echo "| case | Sidekick ops/s (median round) | rpg-dice-roller ops/s (median round) | paired ratio: median (quartiles), target ≥ 15 | pairs |"
echo "| --- | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
echo "every pair: $log/pairs.log"
