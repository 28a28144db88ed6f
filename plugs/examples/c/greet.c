/* greet: the trivial C plug. "/hello" -> "Hello, <userName>!"; anything else passes. */
#include <string.h>
#include "sidekick_pdk.h"

static char in[4096];
static char out[512];

static size_t append(size_t at, const char *s, size_t n) {
  if (at + n > sizeof out) n = sizeof out - at;
  memcpy(out + at, s, n);
  return at + n;
}

SK_EXPORT(handle) int handle(void) {
  size_t n = sk_input(in, sizeof in), len;
  const char *text = sk_json_string(in, n, "text", &len);
  if (!text || len < 6 || memcmp(text, "/hello", 6) != 0) return 0; /* no output: pass */
  const char *name = sk_json_string(in, n, "userName", &len);
  if (!name) { name = "there"; len = 5; }
  size_t o = append(0, "{\"action\":\"reply\",\"text\":\"Hello, ", 33);
  o = append(o, name, len);
  o = append(o, "!\"}", 3);
  sk_output(out, o);
  return 0;
}

SK_EXPORT(describe) int describe(void) {
  static const char d[] = "{\"name\":\"greet\",\"version\":\"1.0\",\"help\":\"/hello: greets you\"}";
  sk_output(d, sizeof d - 1);
  return 0;
}
