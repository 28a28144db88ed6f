#!/usr/bin/env bash
# Builds the WASM store benchmark corpus in bench/corpus/ (gitignored; nothing here is committed):
#   npm/     real .wasm modules taken from pinned npm packages (npm pack, then the .wasm files)
#   family/  one generated C library linked (clang --target=wasm32-wasi) with six small plugs
# Usage: bench/store/corpus.sh [OUT_DIR]     (needs npm, python3; installs clang/lld/wasi-libc
# from Debian with apt-get when missing, waiting for another apt to finish first)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/bench/corpus}
mkdir -p "$out/npm" "$out/tgz" "$out/family/src"

# Two versions of a few packages: a new release of a module is the common "replace" upload.
packages=(
  sql.js@1.16.0 sql.js@1.10.3
  @jsquash/avif@2.1.1 @jsquash/jpeg@1.6.0 @jsquash/png@3.1.1 @jsquash/webp@1.5.0
  @jsquash/oxipng@2.3.0
  esbuild-wasm@0.28.2
  web-tree-sitter@0.27.1 web-tree-sitter@0.25.10
  tree-sitter-javascript@0.25.0 tree-sitter-python@0.25.0 tree-sitter-json@0.24.8
  @dprint/typescript@0.96.1 @dprint/json@0.24.0 @dprint/markdown@0.28.1
  brotli-wasm@3.0.1
)

for spec in "${packages[@]}"; do
  safe=$(echo "$spec" | tr '/@' '__')
  if compgen -G "$out/npm/${safe}__*.wasm" > /dev/null; then continue; fi
  tgz=$(cd "$out/tgz" && npm pack --silent "$spec" 2>/dev/null | tail -1)
  tmp=$(mktemp -d)
  tar -xzf "$out/tgz/$tgz" -C "$tmp"
  found=0
  while IFS= read -r -d '' f; do
    rel=${f#"$tmp"/package/}
    cp "$f" "$out/npm/${safe}__$(echo "$rel" | tr '/' '_')"
    found=$((found + 1))
  done < <(find "$tmp" -name '*.wasm' -type f -print0)
  rm -rf "$tmp"
  echo "$spec: $found .wasm files" >&2
done

# The generated family.
apt_install() {
  for attempt in 1 2 3 4 5 6; do
    if apt-get -o DPkg::Lock::Timeout=300 install -y -q "$@" > /dev/null; then return 0; fi
    echo "apt-get busy or failed (attempt $attempt), retrying in 30 s" >&2
    sleep 30
  done
  return 1
}
if ! command -v clang > /dev/null || ! command -v wasm-ld > /dev/null; then
  apt-get -o DPkg::Lock::Timeout=300 update -q > /dev/null || true
  apt_install clang lld
fi
major=$(clang -dumpversion | cut -d. -f1)
if [ ! -f /usr/lib/wasm32-wasi/libc.a ] || ! compgen -G "/usr/lib/llvm-$major/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a" > /dev/null; then
  apt_install wasi-libc "libclang-rt-$major-dev-wasm32"
fi

if [ ! -f "$out/family/plug5.wasm" ]; then
  python3 "$here/gen_family.py" "$out/family/src" 6000
  # the library is compiled once; each plug is linked against it, plug first (as builds do), so
  # the library's code moves a little in each module: what a real delta has to cope with
  clang --target=wasm32-wasi -O2 -w -c "$out/family/src/lib.c" -o "$out/family/src/lib.o"
  for i in 0 1 2 3 4 5; do
    clang --target=wasm32-wasi -O2 -w -mexec-model=reactor "$out/family/src/plug$i.c" \
      "$out/family/src/lib.o" -o "$out/family/plug$i.wasm"
  done
fi
ls -l "$out/npm" "$out/family" | awk '/wasm$/ {n++; s+=$5} END {printf "corpus: %d modules, %d bytes\n", n, s}' >&2
