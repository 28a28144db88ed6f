/* __NAME__: a Sidekick plug in C. "/__NAME__ TEXT" -> replies "__NAME__ heard: TEXT"; other commands pass.
 * Build: ./build.sh    Try: sidekick plug run __NAME__.wasm --input test-input.json */
#include <string.h>
#include "sidekick_pdk.h"

static char in[8192];
static char out[8192];

static size_t append(size_t at, const char *s, size_t n) {
  if (at + n > sizeof out) n = sizeof out - at;
  memcpy(out + at, s, n);
  return at + n;
}

SK_EXPORT(handle) int handle(void) {
  static const char command[] = "/__NAME__";
  size_t n = sk_input(in, sizeof in), len;
  const char *text = sk_json_string(in, n, "text", &len); /* still JSON-escaped: fine to echo */
  size_t c = sizeof command - 1;
  if (!text || len < c || memcmp(text, command, c) != 0) return 0; /* no output: pass */
  static const char prefix[] = "{\"action\":\"reply\",\"text\":\"__NAME__ heard:";
  size_t o = append(0, prefix, sizeof prefix - 1);
  o = append(o, text + c, len - c);
  o = append(o, "\"}", 2);
  sk_output(out, o);
  return 0;
}

SK_EXPORT(describe) int describe(void) {
  static const char d[] = "{\"name\":\"__NAME__\",\"version\":\"0.1\",\"help\":\"/__NAME__ TEXT\"}";
  sk_output(d, sizeof d - 1);
  return 0;
}
