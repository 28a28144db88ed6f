;; Hostile: traps (unreachable).
(module
  (func (export "handle") (result i32) unreachable))
