/* attack: "/attack 1d20+5 [for 2d6+3]" rolls to hit and damage through the host's roll and
 * replies with both as final text; anything else passes. Logs each roll (WASI stderr). */
#include <stdio.h>
#include <string.h>
#include "sidekick_pdk.h"

static char in[4096];
static char req[512];
static char ans[1024];
static char out[2048];

/* Rolls expr[0, n) with the host; writes its "text" into dst and returns its length (0: error). */
static size_t roll(const char *expr, size_t n, char *dst, size_t cap) {
  int r = snprintf(req, sizeof req, "{\"expr\":\"%.*s\"}", (int)n, expr);
  if (r < 0 || (size_t)r >= sizeof req) return 0;
  size_t m = sk_read(sk_roll(sk_block(req, (size_t)r)), ans, sizeof ans), len;
  const char *text = sk_json_string(ans, m, "text", &len);
  if (!text) return 0;
  if (len >= cap) len = cap - 1;
  memcpy(dst, text, len);
  dst[len] = 0;
  fprintf(stderr, "rolled %.*s\n", (int)n, expr);
  return len;
}

SK_EXPORT(handle) int handle(void) {
  size_t n = sk_input(in, sizeof in), len;
  const char *text = sk_json_string(in, n, "text", &len);
  if (!text || len < 9 || memcmp(text, "/attack ", 8) != 0) return 0;
  const char *expr = text + 8;
  size_t rest = len - 8, hit_len = rest, dmg_len = 0;
  const char *dmg = 0;
  for (size_t i = 0; i + 5 <= rest; i++) {
    if (memcmp(expr + i, " for ", 5) == 0) { hit_len = i; dmg = expr + i + 5; dmg_len = rest - i - 5; break; }
  }
  char hit[512], damage[512];
  if (!roll(expr, hit_len, hit, sizeof hit)) {
    static const char e[] = "could not roll that attack";
    sk_error_set(sk_block(e, sizeof e - 1));
    return 1;
  }
  const char *who = sk_json_string(in, n, "userName", &len);
  int o;
  if (dmg && roll(dmg, dmg_len, damage, sizeof damage)) {
    o = snprintf(out, sizeof out, "{\"action\":\"reply\",\"text\":\"%.*s attacks: %s to hit, %s damage\"}",
                 (int)len, who ? who : "", hit, damage);
  } else {
    o = snprintf(out, sizeof out, "{\"action\":\"reply\",\"text\":\"%.*s attacks: %s to hit\"}",
                 (int)len, who ? who : "", hit);
  }
  if (o < 0 || (size_t)o >= sizeof out) return 1;
  sk_output(out, (size_t)o);
  return 0;
}

SK_EXPORT(describe) int describe(void) {
  static const char d[] = "{\"name\":\"attack\",\"version\":\"1.0\",\"help\":\"/attack TOHIT [for DAMAGE]: rolls an attack\"}";
  sk_output(d, sizeof d - 1);
  return 0;
}
