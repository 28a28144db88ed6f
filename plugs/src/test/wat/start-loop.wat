;; Hostile: the start function (run at instantiation) never returns.
(module
  (func $spin (loop $l (br $l)))
  (start $spin)
  (func (export "handle") (result i32) (i32.const 0)))
