#!/usr/bin/env bash
# Builds __NAME__.wasm. Needs clang, wasm-ld and wasi-libc
# (Debian: apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32).
set -euo pipefail
cd "$(dirname "$0")"
clang --target=wasm32-wasi --sysroot=/usr -Oz -mexec-model=reactor -Wl,--strip-all \
  -Wl,--export=handle -Wl,--export-if-defined=describe -o __NAME__.wasm __NAME__.c
echo "built __NAME__.wasm"
