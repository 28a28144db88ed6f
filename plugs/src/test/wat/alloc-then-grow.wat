;; Hostile: holds a 768 KiB host block, then grows its own memory by 8 pages (512 KiB); traps
;; when the grow is refused: the two together must stay within the memory cap.
(module
  (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
  (memory 1)
  (func (export "handle") (result i32)
    (drop (call $alloc (i64.const 786432)))          ;; 768 KiB in host memory
    (if (i32.eq (memory.grow (i32.const 8)) (i32.const -1)) (then unreachable)) ;; + 512 KiB
    (i32.const 0)))
