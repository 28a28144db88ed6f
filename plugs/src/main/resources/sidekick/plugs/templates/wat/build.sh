#!/usr/bin/env bash
# Builds __NAME__.wasm. Needs wat2wasm (Debian: apt-get install wabt; or npx wabt).
set -euo pipefail
cd "$(dirname "$0")"
wat2wasm __NAME__.wat -o __NAME__.wasm
echo "built __NAME__.wasm"
