#!/usr/bin/env bash
# Builds every example plug and every test module into .wasm files, which are committed so that
# tests and users need no toolchain. Toolchains (only needed to rebuild):
#   WAT:            wat2wasm          (Debian: apt-get install wabt)
#   C:              clang + wasm-ld   (Debian: apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32)
#   AssemblyScript: node + npm        (npm ci in assemblyscript/ fetches assemblyscript and @extism/as-pdk)
# Usage: plugs/examples/build.sh [wat|c|as|test]...   (no argument: all)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tests="$here/../src/test/wat"
out_tests="$here/../src/test/resources/wasm"
what=("$@")
[ ${#what[@]} -eq 0 ] && what=(wat c as test)

build_wat() {
  for f in "$here"/wat/*.wat; do wat2wasm "$f" -o "${f%.wat}.wasm"; done
}

build_c() {
  # -mexec-model=reactor: a library-like module (exports _initialize, no main); the runtime calls
  # _initialize once per instance. -Oz and --strip-all keep it small.
  for f in "$here"/c/*.c; do
    clang --target=wasm32-wasi --sysroot=/usr -Oz -mexec-model=reactor \
      -I"$here/c" -Wl,--strip-all -Wl,--export=handle -Wl,--export-if-defined=describe \
      -Wl,--export-if-defined=before_reply -Wl,--export-if-defined=after_reply \
      -o "${f%.c}.wasm" "$f"
  done
}

build_as() {
  (cd "$here/assemblyscript" && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run --silent build)
}

build_test() {
  mkdir -p "$out_tests"
  for f in "$tests"/*.wat; do wat2wasm --enable-all "$f" -o "$out_tests/$(basename "${f%.wat}").wasm"; done
  python3 "$tests/gen-too-big-function.py" > /tmp/too-big-function.wat
  wat2wasm /tmp/too-big-function.wat -o "$out_tests/too-big-function.wasm"
  python3 "$tests/gen-too-big-function.py" loop > /tmp/too-big-function-loop.wat
  wat2wasm /tmp/too-big-function-loop.wat -o "$out_tests/too-big-function-loop.wasm"
}

for w in "${what[@]}"; do
  case "$w" in
    wat) build_wat ;;
    c) build_c ;;
    as) build_as ;;
    test) build_test ;;
    *) echo "unknown target $w (wat, c, as, test)" >&2; exit 2 ;;
  esac
done
