package sidekick.plugs.kernel;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import sidekick.plugs.LogLevel;

/**
 * The Extism kernel ABI ({@code extism:host/env}) implemented in Java over a {@link
 * KernelSession}. Only the functions CONTRACT §4 lists exist; a module importing any other is
 * refused at upload.
 */
public final class ExtismKernel {
  public static final String MODULE = "extism:host/env";
  private static final ValType I32 = ValType.I32;
  private static final ValType I64 = ValType.I64;
  private static final long[] NONE = null;

  private ExtismKernel() {}

  /** The kernel's function types by name (the upload check compares imports with these). */
  public static List<HostFunction> functions(KernelSession s) {
    List<HostFunction> f = new ArrayList<>();
    KernelMemory m = s.memory;
    CallState c = s.call;
    f.add(fn("alloc", t(I64), t(I64), (i, a) -> one(m.alloc(a[0]))));
    f.add(fn("free", t(I64), t(), (i, a) -> { m.free(a[0]); return NONE; }));
    f.add(fn("length", t(I64), t(I64), (i, a) -> one(m.length(a[0]))));
    f.add(fn("length_unsafe", t(I64), t(I64), (i, a) -> one(m.length(a[0]))));
    f.add(fn("load_u8", t(I64), t(I32), (i, a) -> one(m.loadU8(a[0]))));
    f.add(fn("load_u64", t(I64), t(I64), (i, a) -> one(m.loadU64(a[0]))));
    f.add(fn("store_u8", t(I64, I32), t(), (i, a) -> { m.storeU8(a[0], (int) a[1]); return NONE; }));
    f.add(fn("store_u64", t(I64, I64), t(), (i, a) -> { m.storeU64(a[0], a[1]); return NONE; }));
    f.add(fn("input_offset", t(), t(I64), (i, a) -> one(inputOffset(s))));
    f.add(fn("input_length", t(), t(I64), (i, a) -> one(c.input.length)));
    f.add(fn("input_load_u8", t(I64), t(I32), (i, a) -> one(inputU8(c, a[0]))));
    f.add(fn("input_load_u64", t(I64), t(I64), (i, a) -> one(inputU64(c, a[0]))));
    f.add(fn("output_set", t(I64, I64), t(), (i, a) -> { s.setOutput(a[0], a[1]); return NONE; }));
    f.add(fn("error_set", t(I64), t(), (i, a) -> { s.setError(a[0]); return NONE; }));
    f.add(fn("config_get", t(I64), t(I64), (i, a) -> one(configGet(s, a[0]))));
    f.add(fn("var_get", t(I64), t(I64), (i, a) -> one(varGet(s, a[0]))));
    f.add(fn("var_set", t(I64, I64), t(), (i, a) -> { varSet(s, a[0], a[1]); return NONE; }));
    for (LogLevel level : LogLevel.values()) {
      String name = "log_" + level.name().toLowerCase(java.util.Locale.ROOT);
      f.add(fn(name, t(I64), t(), (i, a) -> { s.log(level, m.readBlock(a[0])); return NONE; }));
    }
    f.add(fn("get_log_level", t(), t(I32), (i, a) -> one(LogLevel.INFO.ordinal())));
    return f;
  }

  private static long inputOffset(KernelSession s) {
    CallState c = s.call;
    if (c.inputOffset == 0 && c.input.length > 0) c.inputOffset = s.memory.write(c.input);
    return c.inputOffset;
  }

  private static long inputU8(CallState c, long index) {
    if (index < 0 || index >= c.input.length) throw new PlugFault(sidekick.plugs.FaultKind.TRAP, "input index " + index);
    return c.input[(int) index] & 0xff;
  }

  private static long inputU64(CallState c, long index) {
    if (index < 0 || index + 8 > c.input.length) throw new PlugFault(sidekick.plugs.FaultKind.TRAP, "input index " + index);
    long v = 0;
    for (int k = 7; k >= 0; k--) v = (v << 8) | (c.input[(int) index + k] & 0xff);
    return v;
  }

  private static long configGet(KernelSession s, long keyOffset) {
    String value = s.config.get(string(s, keyOffset));
    return value == null ? 0 : s.memory.write(value.getBytes(StandardCharsets.UTF_8));
  }

  private static long varGet(KernelSession s, long keyOffset) {
    byte[] value = s.vars.get(string(s, keyOffset));
    return value == null ? 0 : s.memory.write(value);
  }

  private static void varSet(KernelSession s, long keyOffset, long valueOffset) {
    String key = string(s, keyOffset);
    s.vars.set(key, valueOffset == 0 ? null : s.memory.readBlock(valueOffset));
  }

  static String string(KernelSession s, long offset) {
    return new String(s.memory.readBlock(offset), StandardCharsets.UTF_8);
  }

  static long[] one(long v) {
    return new long[] {v};
  }

  static ValType[] t(ValType... types) {
    return types;
  }

  static HostFunction fn(String name, ValType[] params, ValType[] results, WasmFunctionHandle h) {
    return new HostFunction(MODULE, name, FunctionType.of(params, results), h);
  }
}
