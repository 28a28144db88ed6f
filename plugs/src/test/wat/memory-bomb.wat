;; Hostile: grows its memory a page at a time until refused, then traps.
(module
  (memory 1)
  (func (export "handle") (result i32)
    (block $full
      (loop $grow
        (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $grow)))
    unreachable))
