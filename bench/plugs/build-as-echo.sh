#!/usr/bin/env bash
# Rebuilds as-echo.wasm (committed) for the plug call benchmark: the AssemblyScript project that
# `sidekick plug new echo --lang assemblyscript` writes, built with its own npm build (same flags
# as any plug author gets). Needs node + npm, and the plugs module compiled
# (mvn -q -pl plugs -am -DskipTests compile).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/Scaffold.java" <<'JAVA'
public class Scaffold {
  public static void main(String[] a) throws Exception {
    sidekick.plugs.scaffold.PlugScaffold.create(java.nio.file.Path.of(a[0]), "echo",
        sidekick.plugs.scaffold.PlugScaffold.Lang.ASSEMBLYSCRIPT);
  }
}
JAVA
java -cp "$root/plugs/target/classes" "$work/Scaffold.java" "$work"
# reuse the examples' node_modules (same assemblyscript and as-pdk versions) when present
examples="$root/plugs/examples/assemblyscript"
if [ -d "$examples/node_modules" ]; then ln -s "$examples/node_modules" "$work/echo/node_modules"
else (cd "$work/echo" && npm install --no-audit --no-fund); fi
(cd "$work/echo" && npm run --silent build)
cp "$work/echo/echo.wasm" "$here/../src/main/resources/sidekick/bench/plugs/as-echo.wasm"
ls -l "$here/../src/main/resources/sidekick/bench/plugs/as-echo.wasm"
