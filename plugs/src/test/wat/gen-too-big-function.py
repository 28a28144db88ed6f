"""Writes WAT for a module whose handle is too large for one JVM method (Chicory's compiler must
fall back to its interpreter for it). With 'loop' it then spins forever, to prove interpreted code
is still stopped by the time limit."""
import sys

spin = len(sys.argv) > 1 and sys.argv[1] == "loop"
ops = "\n".join("    (local.set 0 (i32.mul (local.get 0) (i32.const 7)))" for _ in range(15000))
tail = "    (loop $l (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br_if $l (i32.ne (local.get 0) (i32.const 0))) (br $l))\n" if spin else ""
print("(module\n  (func (export \"handle\") (result i32) (local i32)\n" + ops + "\n" + tail + "    (i32.const 0)))")
