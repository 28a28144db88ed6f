;; Like a plug built with a runtime that never frees (AssemblyScript --runtime stub): every call
;; takes a fresh 64 KiB page of memory and never gives it back; the output says how many pages
;; the instance has ({"action":"reply","text":"pages N"}, N one digit or more).
(module
  (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
  (import "extism:host/env" "store_u8" (func $store_u8 (param i64 i32)))
  (import "extism:host/env" "output_set" (func $output_set (param i64 i64)))
  (memory 1)
  (data (i32.const 0) "{\"action\":\"reply\",\"text\":\"pages ")
  (func $digits (param $n i32) (param $at i32) (result i32)
    ;; writes $n in decimal at $at, returns the address after it
    (if (i32.ge_u (local.get $n) (i32.const 10))
      (then (local.set $at (call $digits (i32.div_u (local.get $n) (i32.const 10)) (local.get $at)))))
    (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
    (i32.add (local.get $at) (i32.const 1)))
  (func (export "handle") (result i32)
    (local $end i32) (local $block i64) (local $i i32)
    (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))
    (local.set $end (call $digits (memory.size) (i32.const 32)))
    (i32.store16 (local.get $end) (i32.const 0x7d22)) ;; "}
    (local.set $end (i32.add (local.get $end) (i32.const 2)))
    (local.set $block (call $alloc (i64.extend_i32_u (local.get $end))))
    (block $done
      (loop $copy
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (call $store_u8 (i64.add (local.get $block) (i64.extend_i32_u (local.get $i)))
          (i32.load8_u (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $copy)))
    (call $output_set (local.get $block) (i64.extend_i32_u (local.get $end)))
    (i32.const 0)))
