package sidekick.bench.plugs;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Function;

/**
 * The baseline: the same module on bare Chicory (same compiler, same memory) with the smallest
 * host that can run an Extism plug: a bump-allocated byte array for blocks, the input as a byte
 * array, the output captured. No limits, no watchdog, no pool, no checks beyond Java's own.
 */
final class BareChicoryHost {
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final ValType I32 = ValType.I32;
  private static final ValType I64 = ValType.I64;

  private final byte[] blocks = new byte[1 << 16];
  private final int[] lengths = new int[1 << 16];
  private int top = 8;
  private byte[] input = new byte[0];
  byte[] output;
  private final WasmModule module;
  private final Function<Instance, Machine> machine;
  private Instance instance;
  private ExportFunction handle;
  private int initialPages;

  BareChicoryHost(WasmModule module, Function<Instance, Machine> machine) {
    this.module = module;
    this.machine = machine;
    instantiate();
  }

  /**
   * A fresh instance. A plug built with a runtime that never frees (AssemblyScript's stub) grows
   * on every call, so even this minimal host replaces an instance grown past 1 MiB, as the
   * runtime does.
   */
  private void instantiate() {
    var imports = ImportValues.builder();
    for (HostFunction f : functions()) imports.addFunction(f);
    instance = Instance.builder(module).withMachineFactory(machine).withImportValues(imports.build())
        .withMemoryFactory(ByteArrayMemory::new).withStart(false).build();
    try {
      instance.export("_initialize").apply(); // WASI reactors (C) need it, like on the runtime
    } catch (RuntimeException e) {
      // no _initialize export
    }
    handle = instance.export("handle");
    initialPages = instance.memory().pages();
  }

  /** One call: input in, handle, output out. */
  byte[] call(byte[] in) {
    input = in;
    output = null;
    top = 8;
    handle.apply();
    if (instance.memory().pages() - initialPages > 16) instantiate();
    return output;
  }

  private long alloc(long n) {
    int at = top;
    top += (int) n;
    lengths[at] = (int) n;
    return at;
  }

  private List<HostFunction> functions() {
    return List.of(
        fn("alloc", t(I64), t(I64), (i, a) -> new long[] {alloc(a[0])}),
        fn("free", t(I64), t(), (i, a) -> null),
        fn("length", t(I64), t(I64), (i, a) -> new long[] {lengths[(int) a[0]]}),
        fn("length_unsafe", t(I64), t(I64), (i, a) -> new long[] {lengths[(int) a[0]]}),
        fn("load_u8", t(I64), t(I32), (i, a) -> new long[] {blocks[(int) a[0]] & 0xff}),
        fn("load_u64", t(I64), t(I64), (i, a) -> new long[] {(long) LONG_LE.get(blocks, (int) a[0])}),
        fn("store_u8", t(I64, I32), t(), (i, a) -> { blocks[(int) a[0]] = (byte) a[1]; return null; }),
        fn("store_u64", t(I64, I64), t(), (i, a) -> { LONG_LE.set(blocks, (int) a[0], a[1]); return null; }),
        fn("input_length", t(), t(I64), (i, a) -> new long[] {input.length}),
        fn("input_load_u8", t(I64), t(I32), (i, a) -> new long[] {input[(int) a[0]] & 0xff}),
        fn("input_load_u64", t(I64), t(I64), (i, a) -> new long[] {(long) LONG_LE.get(input, (int) a[0])}),
        fn("output_set", t(I64, I64), t(), (i, a) -> {
          output = java.util.Arrays.copyOfRange(blocks, (int) a[0], (int) (a[0] + a[1]));
          return null;
        }),
        fn("error_set", t(I64), t(), (i, a) -> null),
        new HostFunction("extism:host/user", "roll", FunctionType.of(t(I64), t(I64)), (i, a) -> new long[] {0}));
  }

  private static ValType[] t(ValType... v) {
    return v;
  }

  private static HostFunction fn(String name, ValType[] p, ValType[] r, com.dylibso.chicory.runtime.WasmFunctionHandle h) {
    return new HostFunction("extism:host/env", name, FunctionType.of(p, r), h);
  }
}
