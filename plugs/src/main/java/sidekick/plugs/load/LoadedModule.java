package sidekick.plugs.load;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Set;
import java.util.function.Function;
import sidekick.plugs.PlugModule;

/** A validated module with its compiled machine factory, shared by every channel using it. */
public final class LoadedModule implements PlugModule {
  private final String hash;
  private final int length;
  private final long compileMillis;
  private final boolean fromCache;
  private final WasmModule module;
  private final ModuleCode code;
  private final Set<String> exports;
  private final boolean hasInitialize;

  LoadedModule(
      String hash,
      int length,
      long compileMillis,
      boolean fromCache,
      WasmModule module,
      ModuleCode code) {
    this.hash = hash;
    this.length = length;
    this.compileMillis = compileMillis;
    this.fromCache = fromCache;
    this.module = module;
    this.code = code;
    this.exports = ModuleValidator.abiExports(module);
    this.hasInitialize = ModuleValidator.exportsFunction(module, "_initialize");
  }

  /** The same compiled module, as found in the memory cache by another upload. */
  LoadedModule asCacheHit() {
    return fromCache
        ? this
        : new LoadedModule(hash, length, 0, true, module, code);
  }

  @Override public String hash() { return hash; }
  @Override public int length() { return length; }
  @Override public long compileMillis() { return compileMillis; }
  @Override public boolean fromCache() { return fromCache; }
  @Override public Set<String> exports() { return exports; }
  /** Whether some function runs in the interpreter now (all of them until a fresh upload is compiled). */
  @Override public boolean usesInterpreter() { return code.current().interpreted(); }

  public WasmModule module() { return module; }
  /** The machine factory in use now. */
  public Function<Instance, Machine> machineFactory() { return code.current().factory(); }
  /** How the module's functions run, now and after its background compile. */
  public ModuleCode code() { return code; }
  @Override public java.util.concurrent.CompletableFuture<Void> compiled() { return code.compiledFuture(); }
  /** WASI reactors (C with wasi-libc) export {@code _initialize}, to call once per instance. */
  public boolean hasInitialize() { return hasInitialize; }
}
