;; Hostile: imports a function the ABI does not offer.
(module
  (import "env" "system" (func $system (param i32) (result i32)))
  (func (export "handle") (result i32) (call $system (i32.const 0))))
