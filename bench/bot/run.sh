#!/usr/bin/env bash
# End-to-end load run of the bot shard: the fake Discord, the real JDA shard and the real core and
# server in one JVM on 127.0.0.1 (sidekick.bot.load.ShardLoad). Prints a Markdown table of latency
# (gateway dispatch -> reply at REST) at a fixed rate, the same commands sent straight to the core
# as the baseline, and the end-to-end throughput.
#
#   bench/bot/run.sh [--rate 20] [--seconds 30] [--guilds 20] [--window 32] [--throughput-seconds 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -f cli/target/sidekick.jar || -n "${REBUILD:-}" ]]; then
  mvn -q -pl cli -am -DskipTests package
fi
exec java -Xmx1g -cp cli/target/sidekick.jar sidekick.bot.load.ShardLoad "$@"
