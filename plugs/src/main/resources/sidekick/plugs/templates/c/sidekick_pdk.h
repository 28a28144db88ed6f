/* sidekick_pdk.h: the Extism kernel ABI and Sidekick's host functions for C plugs.
 * Header-only and tiny; it declares the imports (CONTRACT §4) and a few helpers to read the
 * input and set the output. Build with clang --target=wasm32-wasi (see ../build.sh). */
#ifndef SIDEKICK_PDK_H
#define SIDEKICK_PDK_H

#include <stdint.h>
#include <stddef.h>

typedef uint64_t sk_offset; /* an Extism memory block: 0 is none */

#define SK_ENV(name) __attribute__((import_module("extism:host/env"), import_name(#name)))
#define SK_USER(name) __attribute__((import_module("extism:host/user"), import_name(#name)))
#define SK_EXPORT(name) __attribute__((export_name(#name)))

SK_ENV(alloc) sk_offset sk_alloc(uint64_t length);
SK_ENV(free) void sk_free(sk_offset block);
SK_ENV(length) uint64_t sk_length(sk_offset block);
SK_ENV(load_u8) uint8_t sk_load_u8(sk_offset at);
SK_ENV(load_u64) uint64_t sk_load_u64(sk_offset at);
SK_ENV(store_u8) void sk_store_u8(sk_offset at, uint8_t v);
SK_ENV(store_u64) void sk_store_u64(sk_offset at, uint64_t v);
SK_ENV(input_length) uint64_t sk_input_length(void);
SK_ENV(input_load_u8) uint8_t sk_input_load_u8(uint64_t index);
SK_ENV(input_load_u64) uint64_t sk_input_load_u64(uint64_t index);
SK_ENV(output_set) void sk_output_set(sk_offset block, uint64_t length);
SK_ENV(error_set) void sk_error_set(sk_offset block);
SK_ENV(log_info) void sk_log_info(sk_offset block);
SK_USER(roll) sk_offset sk_roll(sk_offset request_json);
SK_USER(saved_roll) sk_offset sk_saved_roll(sk_offset request_json);

/* Copies the whole input into buf (at most cap bytes); returns its length. */
static inline size_t sk_input(char *buf, size_t cap) {
  size_t n = (size_t)sk_input_length();
  if (n > cap) n = cap;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w = sk_input_load_u64(i);
    for (int k = 0; k < 8; k++) buf[i + k] = (char)(w >> (8 * k));
  }
  for (; i < n; i++) buf[i] = (char)sk_input_load_u8(i);
  return n;
}

/* A new block holding bytes[0, n). */
static inline sk_offset sk_block(const char *bytes, size_t n) {
  sk_offset b = sk_alloc(n);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w = 0;
    for (int k = 7; k >= 0; k--) w = (w << 8) | (uint8_t)bytes[i + k];
    sk_store_u64(b + i, w);
  }
  for (; i < n; i++) sk_store_u8(b + i, (uint8_t)bytes[i]);
  return b;
}

/* Copies a block into buf (at most cap bytes); returns its length. */
static inline size_t sk_read(sk_offset block, char *buf, size_t cap) {
  size_t n = (size_t)sk_length(block);
  if (n > cap) n = cap;
  for (size_t i = 0; i < n; i++) buf[i] = (char)sk_load_u8(block + i);
  return n;
}

/* Sets the output to bytes[0, n) (UTF-8 JSON). */
static inline void sk_output(const char *bytes, size_t n) {
  sk_output_set(sk_block(bytes, n), n);
}

/* Finds the JSON string value of "key" in json (no unescaping: enough for simple fields). */
static inline const char *sk_json_string(const char *json, size_t n, const char *key, size_t *len) {
  size_t k = 0;
  while (key[k]) k++;
  for (size_t i = 0; i + k + 3 < n; i++) {
    if (json[i] != '"') continue;
    size_t j = 0;
    while (j < k && json[i + 1 + j] == key[j]) j++;
    if (j < k || json[i + 1 + k] != '"') continue;
    size_t p = i + k + 2;
    while (p < n && (json[p] == ':' || json[p] == ' ')) p++;
    if (p >= n || json[p] != '"') return 0;
    size_t start = ++p;
    while (p < n && json[p] != '"') p += (json[p] == '\\') ? 2 : 1;
    if (p > n) return 0;
    *len = p - start;
    return json + start;
  }
  return 0;
}

#endif
