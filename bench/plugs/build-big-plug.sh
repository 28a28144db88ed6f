#!/usr/bin/env bash
# Rebuilds big-plug.wasm (committed, ~1.5 MB) for the plug upload benchmark. Needs python3, clang,
# wasm-ld and wasi-libc (see plugs/examples/build.sh).
set -euo pipefail
cd "$(dirname "$0")"
python3 gen-big-plug.py
clang --target=wasm32-wasi --sysroot=/usr -O1 -mexec-model=reactor \
  -I../../plugs/src/main/resources/sidekick/plugs/templates/c -Wl,--strip-all -Wl,--export=handle \
  -o ../src/main/resources/sidekick/bench/plugs/big-plug.wasm big.c
rm big.c
ls -l ../src/main/resources/sidekick/bench/plugs/big-plug.wasm
