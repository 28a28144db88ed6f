;; Test plug for the bot's end-to-end tests: answers every command with a fixed reply, so a test
;; can tell that the plug uploaded from a Discord attachment is the one running.
;; Build: wat2wasm crit-reply.wat -o ../resources/plugs/crit-reply.wasm
(module
  (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
  (import "extism:host/env" "store_u8" (func $store_u8 (param i64 i32)))
  (import "extism:host/env" "output_set" (func $output_set (param i64 i64)))
  (memory 1)
  (data (i32.const 0) "{\"action\":\"reply\",\"text\":\"crit plug: natural 20!\"}")
  (func (export "handle") (result i32)
    (local $off i64) (local $i i32)
    (local.set $off (call $alloc (i64.const 50)))
    (block $done (loop $copy
      (br_if $done (i32.ge_u (local.get $i) (i32.const 50)))
      (call $store_u8 (i64.add (local.get $off) (i64.extend_i32_u (local.get $i)))
        (i32.load8_u (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $copy)))
    (call $output_set (local.get $off) (i64.const 50))
    (i32.const 0)))
