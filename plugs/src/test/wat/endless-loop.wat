;; Hostile: handle never returns (a loop ... br_if loop, the case the interpreter cannot stop).
(module
  (func (export "handle") (result i32)
    (local $i i32)
    (loop $forever
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $forever (i32.ne (local.get $i) (i32.const 0)))
      (br $forever))
    (i32.const 0)))
