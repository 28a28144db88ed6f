;; Invalid plug: no handle export.
(module
  (func (export "run") (result i32) (i32.const 0)))
