;; shout: a Sidekick plug in hand-written WebAssembly text.
;; Replies "<text in upper case>!" to any command starting with "/shout ", passes otherwise.
;; It reads the input JSON only enough to find "text"; a real plug would use a PDK's JSON.
(module
  (import "extism:host/env" "input_length" (func $input_length (result i64)))
  (import "extism:host/env" "input_load_u8" (func $input_load_u8 (param i64) (result i32)))
  (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
  (import "extism:host/env" "store_u8" (func $store_u8 (param i64 i32)))
  (import "extism:host/env" "output_set" (func $output_set (param i64 i64)))
  (memory (export "memory") 1)
  ;; scratch: the input at 1024, the output built at 32768
  (data (i32.const 0) "\"text\":\"/shout ")          ;; 15 bytes: the key and prefix we look for
  (data (i32.const 64) "{\"action\":\"reply\",\"text\":\"") ;; 26 bytes
  (data (i32.const 128) "!\"}")                         ;; 3 bytes

  (func $copy_input (result i32)
    (local $n i32) (local $i i32)
    (local.set $n (i32.wrap_i64 (call $input_length)))
    (if (i32.gt_u (local.get $n) (i32.const 30000)) (then (local.set $n (i32.const 30000))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (i32.const 1024) (local.get $i))
          (call $input_load_u8 (i64.extend_i32_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $n))

  ;; index in the input (relative to 1024) right after the 15-byte needle, or -1
  (func $find (param $n i32) (result i32)
    (local $i i32) (local $k i32)
    (block $none
      (loop $at
        (br_if $none (i32.gt_u (i32.add (local.get $i) (i32.const 15)) (local.get $n)))
        (local.set $k (i32.const 0))
        (block $miss
          (loop $cmp
            (br_if $miss (i32.ne
              (i32.load8_u (i32.add (i32.const 1024) (i32.add (local.get $i) (local.get $k))))
              (i32.load8_u (local.get $k))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (if (i32.eq (local.get $k) (i32.const 15))
              (then (return (i32.add (local.get $i) (i32.const 15)))))
            (br $cmp)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $at)))
    (i32.const -1))

  (func (export "handle") (result i32)
    (local $n i32) (local $start i32) (local $i i32) (local $o i32) (local $c i32) (local $off i64)
    (local.set $n (call $copy_input))
    (local.set $start (call $find (local.get $n)))
    (if (i32.lt_s (local.get $start) (i32.const 0)) (then (return (i32.const 0))))
    ;; output = prefix + upper(text up to the closing quote) + "!\"}"
    (memory.copy (i32.const 32768) (i32.const 64) (i32.const 26))
    (local.set $o (i32.const 26))
    (local.set $i (local.get $start))
    (block $end
      (loop $ch
        (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (i32.load8_u (i32.add (i32.const 1024) (local.get $i))))
        (br_if $end (i32.eq (local.get $c) (i32.const 34)))          ;; closing quote
        (if (i32.eq (local.get $c) (i32.const 92))                     ;; keep escapes as they are
          (then
            (i32.store8 (i32.add (i32.const 32768) (local.get $o)) (local.get $c))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (local.set $c (i32.load8_u (i32.add (i32.const 1024) (local.get $i))))))
        (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
          (then (local.set $c (i32.sub (local.get $c) (i32.const 32)))))
        (i32.store8 (i32.add (i32.const 32768) (local.get $o)) (local.get $c))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $ch)))
    (memory.copy (i32.add (i32.const 32768) (local.get $o)) (i32.const 128) (i32.const 3))
    (local.set $o (i32.add (local.get $o) (i32.const 3)))
    ;; copy to a kernel block and set it as the output
    (local.set $off (call $alloc (i64.extend_i32_u (local.get $o))))
    (local.set $i (i32.const 0))
    (block $done
      (loop $cp
        (br_if $done (i32.ge_u (local.get $i) (local.get $o)))
        (call $store_u8 (i64.add (local.get $off) (i64.extend_i32_u (local.get $i)))
          (i32.load8_u (i32.add (i32.const 32768) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $cp)))
    (call $output_set (local.get $off) (i64.extend_i32_u (local.get $o)))
    (i32.const 0))
)
