# Sourced by compare.sh and paired.sh: the paths both use, and what both need built.
# Sets here (this folder), root (the repository) and jar (the JMH jar, built when missing);
# installs the baseline's node modules when missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -DskipTests -pl bench -am package)
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund)
