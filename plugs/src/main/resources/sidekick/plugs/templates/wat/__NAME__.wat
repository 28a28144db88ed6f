;; __NAME__: a Sidekick plug in WebAssembly text. Replies "__NAME__ was called" to any command
;; starting with "/__NAME__"; other commands pass.
;; Build: ./build.sh    Try: sidekick plug run __NAME__.wasm --input test-input.json
(module
  (import "extism:host/env" "input_length" (func $input_length (result i64)))
  (import "extism:host/env" "input_load_u8" (func $input_load_u8 (param i64) (result i32)))
  (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
  (import "extism:host/env" "store_u8" (func $store_u8 (param i64 i32)))
  (import "extism:host/env" "output_set" (func $output_set (param i64 i64)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\"text\":\"/__NAME__")                               ;; what we look for
  (data (i32.const 256) "{\"action\":\"reply\",\"text\":\"__NAME__ was called\"}") ;; the reply

  ;; 1 when the needle (__NEEDLE_LEN__ bytes at 0) occurs in the input
  (func $matches (result i32)
    (local $n i64) (local $i i64) (local $k i32)
    (local.set $n (call $input_length))
    (block $no
      (loop $at
        (br_if $no (i64.gt_u (i64.add (local.get $i) (i64.const __NEEDLE_LEN__)) (local.get $n)))
        (local.set $k (i32.const 0))
        (block $miss
          (loop $cmp
            (br_if $miss (i32.ne (call $input_load_u8 (i64.add (local.get $i) (i64.extend_i32_u (local.get $k))))
                                 (i32.load8_u (local.get $k))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (if (i32.eq (local.get $k) (i32.const __NEEDLE_LEN__)) (then (return (i32.const 1))))
            (br $cmp)))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br $at)))
    (i32.const 0))

  (func (export "handle") (result i32)
    (local $off i64) (local $i i32)
    (if (i32.eqz (call $matches)) (then (return (i32.const 0))))
    (local.set $off (call $alloc (i64.const __REPLY_LEN__)))
    (block $done
      (loop $cp
        (br_if $done (i32.ge_u (local.get $i) (i32.const __REPLY_LEN__)))
        (call $store_u8 (i64.add (local.get $off) (i64.extend_i32_u (local.get $i)))
          (i32.load8_u (i32.add (i32.const 256) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $cp)))
    (call $output_set (local.get $off) (i64.const __REPLY_LEN__))
    (i32.const 0))
)
