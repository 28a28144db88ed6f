#!/usr/bin/env python3
"""Writes the C sources of the generated plug family: one library (lib.c, many functions reached
through a dispatch table so none is dropped) and six small plugs (plugN.c) that call into it.
Deterministic: the same arguments give the same sources."""
import random
import sys
from pathlib import Path

OPS = ["+", "-", "*", "^", "|", "&"]


def expr(r, depth, vars_):
    if depth == 0 or r.random() < 0.3:
        return r.choice(vars_) if r.random() < 0.6 else str(r.randint(1, 1 << 16))
    op = r.choice(OPS)
    return "(%s %s %s)" % (expr(r, depth - 1, vars_), op, expr(r, depth - 1, vars_))


def function(r, name, calls):
    lines = ["static int %s(int x) {" % name, "  int a = x, b = %d, c = 0;" % r.randint(1, 999)]
    kind = r.randint(0, 3)
    if kind == 0:
        lines.append("  for (int i = 0; i < (x & 15); i++) { c += %s; a = %s; }"
                     % (expr(r, 3, ["a", "b", "i"]), expr(r, 2, ["a", "c", "i"])))
    elif kind == 1:
        lines.append("  switch (x & 7) {")
        for k in range(8):
            lines.append("    case %d: c = %s; break;" % (k, expr(r, 3, ["a", "b", "x"])))
        lines.append("  }")
    elif kind == 2:
        lines.append("  char buf[48];")
        lines.append('  c = snprintf(buf, sizeof buf, "%s-%%d-%%x", a, %s);'
                     % (name, expr(r, 2, ["a", "b"])))
        lines.append("  for (int i = 0; buf[i]; i++) c = c * 31 + buf[i];")
    else:
        lines.append("  c = %s;" % expr(r, 4, ["a", "b", "x"]))
        lines.append("  if (c %% %d == 0) c += %s;" % (r.randint(2, 9), expr(r, 2, ["a", "b"])))
    for callee in calls:
        lines.append("  c ^= %s(c + %d);" % (callee, r.randint(0, 99)))
    lines.append("  return c;")
    lines.append("}")
    return "\n".join(lines)


def library(n, seed):
    r = random.Random(seed)
    out = ["#include <stdio.h>", "#include <string.h>", ""]
    names = ["lib_f%d" % i for i in range(n)]
    for i, name in enumerate(names):
        calls = [names[r.randrange(i)] for _ in range(r.randint(0, 2))] if i > 0 else []
        out.append(function(r, name, calls))
    out.append("static int (*const TABLE[%d])(int) = {%s};" % (n, ", ".join(names)))
    out.append("int lib_call(int id, int x) { return TABLE[(unsigned) id %% %d](x); }" % n)
    out.append("int lib_count(void) { return %d; }" % n)
    return "\n".join(out) + "\n"


def plug(index, functions, lib_functions):
    r = random.Random(1000 + index)
    out = ["#include <stdio.h>", "#include <string.h>", "int lib_call(int id, int x);", ""]
    names = ["plug%d_g%d" % (index, i) for i in range(functions)]
    for i, name in enumerate(names):
        out.append(function(r, name, [names[r.randrange(i)]] if i > 0 else []))
    body = " ^ ".join("lib_call(%d, %s(x))" % (r.randrange(lib_functions), r.choice(names))
                      for _ in range(8))
    out.append('__attribute__((export_name("handle"))) int handle(int x) { return %s; }' % body)
    return "\n".join(out) + "\n"


def main():
    target = Path(sys.argv[1])
    lib_functions = int(sys.argv[2]) if len(sys.argv) > 2 else 6000
    target.mkdir(parents=True, exist_ok=True)
    (target / "lib.c").write_text(library(lib_functions, 42))
    for i in range(6):
        (target / ("plug%d.c" % i)).write_text(plug(i, 25 + 10 * i, lib_functions))


if __name__ == "__main__":
    main()
