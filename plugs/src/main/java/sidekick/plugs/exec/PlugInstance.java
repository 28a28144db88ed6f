package sidekick.plugs.exec;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.HashMap;
import java.util.Map;
import sidekick.plugs.PlugHost;
import sidekick.plugs.PlugLimits;
import sidekick.plugs.kernel.ExtismKernel;
import sidekick.plugs.kernel.KernelMemory;
import sidekick.plugs.kernel.KernelSession;
import sidekick.plugs.kernel.PlugVars;
import sidekick.plugs.kernel.SandboxedWasi;
import sidekick.plugs.kernel.UserFunctions;
import sidekick.plugs.load.LoadedModule;
import sidekick.plugs.load.ModuleCode;

/**
 * One Chicory instance of a plug with its kernel session. Used by one thread at a time; the pool
 * hands it out and takes it back only after a healthy call.
 */
public final class PlugInstance {
  /** Interpreted code checks the interrupt flag this often (in instructions). */
  static final int INSTRUCTIONS_PER_CHECK = 1024;

  private final Instance instance;
  private final KernelSession session;
  private final Map<String, ExportFunction> exports = new HashMap<>();
  private final int maxPages;
  /** Linear memory after initialisation: what growth is measured from. */
  private long initialBytes;
  /** While idle in a pool: since when ({@link System#nanoTime()}) and the bytes it counts in the budget. */
  long idleSince;
  long idleBytes;


  private final ModuleCode code;
  private final int generation;

  private PlugInstance(Instance instance, KernelSession session, int maxPages, ModuleCode code, int generation) {
    this.instance = instance;
    this.session = session;
    this.maxPages = maxPages;
    this.code = code;
    this.generation = generation;
  }

  /** Whether the module's code changed since this instance was built (interpreted, now compiled). */
  public boolean stale() {
    return code.stale(generation);
  }

  /**
   * Loads the module's compiled classes by building an instance that runs nothing (no start
   * function, no data): done once at upload, in the compile pool, so the first call does not pay
   * for class loading.
   */
  public static void preload(LoadedModule module, PlugLimits limits) {
    build(module, new PlugVars(1), Map.of(), PlugHost.NONE, limits, false);
  }

  /** Instantiates (runs the start function and {@code _initialize}): call it under the watchdog. */
  public static PlugInstance create(
      LoadedModule module, PlugVars vars, Map<String, String> config, PlugHost host, PlugLimits limits) {
    return build(module, vars, config, host, limits, true);
  }

  private static PlugInstance build(
      LoadedModule module, PlugVars vars, Map<String, String> config, PlugHost host, PlugLimits limits,
      boolean initialize) {
    var machines = module.code().current();
    // the cap is split once: host blocks get their share, linear memory the rest, so the two
    // together never pass it (a check at memory.grow would cost every memory access an indirection)
    var kernel = new KernelMemory(limits.maxHostBlockBytes());
    var session = new KernelSession(kernel, vars, config, host, limits);
    var imports = ImportValues.builder();
    ExtismKernel.functions(session).forEach(imports::addFunction);
    UserFunctions.functions(session).forEach(imports::addFunction);
    SandboxedWasi.functions(session).forEach(imports::addFunction);
    int capPages = limits.maxMemoryPages();
    var builder =
        Instance.builder(module.module())
            .withMachineFactory(machines.factory())
            .withImportValues(imports.build())
            .withMemoryFactory(ByteArrayMemory::new)
            .withStart(false)
            .withInitialize(initialize);
    int maxPages = capPages;
    var declared = module.module().memorySection();
    if (declared.isPresent() && declared.get().memoryCount() > 0) {
      MemoryLimits own = declared.get().getMemory(0).limits();
      maxPages = Math.min(own.maximumPages(), capPages);
      builder.withMemoryLimits(new MemoryLimits(own.initialPages(), maxPages));
    }
    if (machines.interpreted()) builder.withUnsafeExecutionListener(new InstructionCounter());
    Instance instance = builder.build();
    var plug = new PlugInstance(instance, session, maxPages, module.code(), machines.generation());
    if (initialize && module.hasInitialize()) instance.export("_initialize").apply();
    plug.initialBytes = linearBytes(instance);
    return plug;
  }

  private static long linearBytes(Instance instance) {
    if (instance == null) return 0;
    Memory m = instance.memory();
    return m == null ? 0 : (long) m.pages() * Memory.PAGE_SIZE;
  }

  public KernelSession session() {
    return session;
  }

  /** Calls an export taking nothing and returning i32. */
  public int call(String export) {
    ExportFunction f = exports.computeIfAbsent(export, instance::export);
    long[] r = f.apply();
    return r == null || r.length == 0 ? 0 : (int) r[0];
  }

  /** The plug's linear memory now. */
  public long memoryBytes() {
    return linearBytes(instance);
  }

  /** Linear memory after initialisation. */
  public long initialBytes() {
    return initialBytes;
  }

  /** How much the linear memory grew since initialisation. */
  public long grownBytes() {
    return linearBytes(instance) - initialBytes;
  }

  /** Whether the plug's own memory reached its cap (a trap then is a memory fault). */
  public boolean memoryAtCap() {
    Memory m = instance.memory();
    return m != null && m.pages() >= maxPages;
  }

  /** Makes interpreted functions interruptible: Chicory's interpreter does not check on its own. */
  private static final class InstructionCounter implements com.dylibso.chicory.runtime.ExecutionListener {
    private int count;

    @Override
    public void onExecution(com.dylibso.chicory.wasm.types.Instruction instruction, com.dylibso.chicory.runtime.MStack stack) {
      if (++count % INSTRUCTIONS_PER_CHECK == 0 && Thread.currentThread().isInterrupted()) {
        throw new ChicoryInterruptedException("stopped by the watchdog");
      }
    }
  }
}
