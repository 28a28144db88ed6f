;; Hostile hook: its handle passes; its before_reply calls the host's roll in an endless loop (the core's
;; tests make that roll hang, so the watchdog abandons the hook).
(module
  (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
  (import "extism:host/env" "store_u8" (func $store_u8 (param i64 i32)))
  (import "extism:host/user" "roll" (func $roll (param i64) (result i64)))
  (memory 1)
  (data (i32.const 0) "{\"expr\":\"1d20\"}")
  (func (export "handle") (result i32) (i32.const 0))
  (func (export "before_reply") (result i32)
    (local $req i64) (local $i i32)
    (local.set $req (call $alloc (i64.const 15)))
    (block $done (loop $cp
      (br_if $done (i32.ge_u (local.get $i) (i32.const 15)))
      (call $store_u8 (i64.add (local.get $req) (i64.extend_i32_u (local.get $i)))
        (i32.load8_u (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $cp)))
    (loop $again
      (drop (call $roll (local.get $req)))
      (br $again))
    (i32.const 0)))
