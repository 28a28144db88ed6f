package sidekick.plugs.load;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sidekick.plugs.PlugHost;
import sidekick.plugs.PlugLimits;
import sidekick.plugs.kernel.ExtismKernel;
import sidekick.plugs.kernel.KernelMemory;
import sidekick.plugs.kernel.KernelSession;
import sidekick.plugs.kernel.PlugVars;
import sidekick.plugs.kernel.SandboxedWasi;
import sidekick.plugs.kernel.UserFunctions;

/** The imports CONTRACT §4 allows, with their function types, built from the real host functions. */
final class AllowedImports {
  private static final Map<String, FunctionType> ALLOWED = build();

  private AllowedImports() {}

  /** The expected type of {@code module.name}, or null when that import is not allowed. */
  static FunctionType type(String module, String name) {
    return ALLOWED.get(module + '\0' + name);
  }

  private static Map<String, FunctionType> build() {
    var session =
        new KernelSession(
            new KernelMemory(PlugLimits.DEFAULT_MAX_HOST_BLOCK_BYTES),
            new PlugVars(1),
            Map.of(),
            PlugHost.NONE,
            PlugLimits.DEFAULTS);
    Map<String, FunctionType> m = new HashMap<>();
    for (List<HostFunction> fs :
        List.of(
            ExtismKernel.functions(session),
            UserFunctions.functions(session),
            SandboxedWasi.signatures())) {
      for (HostFunction f : fs) m.put(f.module() + '\0' + f.name(), f.functionType());
    }
    return Map.copyOf(m);
  }
}
