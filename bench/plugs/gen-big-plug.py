"""Writes big.c: a plug of about 1.5 MB of WebAssembly code (many distinct functions), to measure
upload-to-first-call of a large module. Build: see build-big-plug.sh."""
import random

random.seed(7)
N = 5100
out = ['#include "sidekick_pdk.h"', "typedef unsigned int u32;"]
for i in range(N):
    body = []
    for k in range(18):
        a, b, c = random.randrange(1, 1 << 20), random.randrange(1, 31), random.randrange(3, 1 << 16)
        op = random.choice(["x = (x * %d) ^ (x >> %d);" % (a, b), "x += (x << %d) + %d;" % (b, a),
                            "if (x %% %d == 0) x ^= %d; else x -= %d;" % (c, a, b)])
        body.append("  " + op)
    out.append("__attribute__((noinline)) static u32 f%d(u32 x) {\n%s\n  return x;\n}" % (i, "\n".join(body)))
out.append("static u32 (*const table[])(u32) = {" + ", ".join("f%d" % i for i in range(N)) + "};")
out.append("""static char in[1024];
SK_EXPORT(handle) int handle(void) {
  size_t n = sk_input(in, sizeof in);
  u32 x = (u32)n;
  for (u32 i = 0; i < 4; i++) x = table[(x + i) %% %d](x);
  return x == 0xFFFFFFFFu ? 1 : 0; /* no output: pass */
}""" % N)
open("big.c", "w").write("\n".join(out) + "\n")
