;; Hostile: declares 30,000 initial pages (about 1.9 GB).
(module
  (memory 30000)
  (func (export "handle") (result i32) (i32.const 0)))
