// A minimal plug module built byte by byte: exports `memory` and `handle() -> i32` returning 0
// (the plug passes). Valid WebAssembly that any runtime accepts, with no imports.
export function minimalPlug() {
  const section = (id, bytes) => [id, bytes.length, ...bytes];
  const name = [..."handle"].map((c) => c.charCodeAt(0));
  const mem = [..."memory"].map((c) => c.charCodeAt(0));
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
    ...section(1, [1, 0x60, 0, 1, 0x7f]), // type 0: () -> i32
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 0x00, 1]), // one memory, min 1 page
    ...section(7, [2, name.length, ...name, 0x00, 0, mem.length, ...mem, 0x02, 0]), // exports
    ...section(10, [1, 4, 0, 0x41, 0, 0x0b]), // body: i32.const 0, end
  ]);
}
