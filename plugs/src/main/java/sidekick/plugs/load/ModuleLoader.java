package sidekick.plugs.load;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.plugs.PlugLimits;
import sidekick.plugs.PlugModule;
import sidekick.plugs.PlugRejectedException;
import sidekick.plugs.PlugRejectedException.Reason;

/**
 * Turns uploaded bytes into a {@link LoadedModule}: size check on the caller's thread, then
 * validation and compilation in a bounded pool. Compiled code is kept by sha256 in memory (the
 * same bytes uploaded to 100 channels compile once) and on disk (a restart does not recompile).
 */
public final class ModuleLoader implements AutoCloseable {
  /**
   * How long a fresh upload's background compile waits before it starts: the upload's first calls
   * (answered in the interpreter) get the CPU first instead of competing with the compiler.
   */
  public static final long COMPILE_GRACE_MILLIS = 100;
  /** Loaded modules kept in memory beyond those installed somewhere. */
  public static final int MEMORY_CACHE_ENTRIES = 256;
  /** How long {@link #close()} waits for running compiles to end. */
  public static final long CLOSE_WAIT_MILLIS = 5_000;
  private static final Logger log = LoggerFactory.getLogger(ModuleLoader.class);

  private final PlugLimits limits;
  private final ModuleValidator validator;
  private final ThreadPoolExecutor pool;
  /** Background compiles of modules answered in the interpreter meanwhile. */
  private final ThreadPoolExecutor compiler;
  private final DiskCodeCache compiledCache;
  private final DiskCodeCache mixedCache;
  private final Map<String, CompletableFuture<LoadedModule>> memory =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<LoadedModule>> e) {
          return size() > MEMORY_CACHE_ENTRIES;
        }
      };
  private final AtomicLong compiled = new AtomicLong();
  private final AtomicLong memoryHits = new AtomicLong();
  private final AtomicLong diskHits = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  private final java.util.function.Consumer<LoadedModule> preload;

  /** @param preload loads a compiled module's classes (runs no plug code) before it is handed out */
  public ModuleLoader(PlugLimits limits, Path cacheDir, java.util.function.Consumer<LoadedModule> preload) {
    this.limits = limits;
    this.preload = preload;
    this.validator = new ModuleValidator(limits);
    this.pool = boundedPool(limits, "plug-compile-", Thread.NORM_PRIORITY);
    this.compiler = boundedPool(limits, "plug-compile-bg-", Thread.NORM_PRIORITY - 1);
    DiskCodeCache compiledCache = null;
    DiskCodeCache mixedCache = null;
    if (cacheDir != null) {
      try {
        compiledCache = new DiskCodeCache(cacheDir, "", diskHits);
        mixedCache = new DiskCodeCache(cacheDir, "interp-", diskHits);
      } catch (IOException e) {
        log.warn("plug code cache at {} unusable, compiling in memory only: {}", cacheDir, e.toString());
      }
    }
    this.compiledCache = compiledCache;
    this.mixedCache = mixedCache;
  }

  /** Validates and compiles off the caller's thread; fails with {@link PlugRejectedException}. */
  public CompletableFuture<PlugModule> load(byte[] bytes) {
    try {
      validator.checkSize(bytes);
    } catch (PlugRejectedException e) {
      refused.incrementAndGet();
      return CompletableFuture.failedFuture(e);
    }
    String hash = sha256(bytes);
    CompletableFuture<LoadedModule> mine = new CompletableFuture<>();
    CompletableFuture<LoadedModule> existing;
    synchronized (memory) {
      existing = memory.get(hash);
      if (existing == null || existing.isCompletedExceptionally()) memory.put(hash, mine);
      else memoryHits.incrementAndGet();
    }
    if (existing != null && !existing.isCompletedExceptionally()) {
      return existing.thenApply(LoadedModule::asCacheHit);
    }
    byte[] copy = bytes.clone();
    try {
      pool.execute(() -> {
        try {
          mine.complete(compile(hash, copy));
        } catch (PlugRejectedException e) {
          refused.incrementAndGet();
          mine.completeExceptionally(e);
        } catch (Throwable e) {
          // whatever happens, the upload gets an answer (an Error here must not leave it hanging)
          refused.incrementAndGet();
          log.warn("compiling plug {} failed", hash, e);
          mine.completeExceptionally(new PlugRejectedException(Reason.INVALID, "cannot load module: " + e));
        }
      });
    } catch (RejectedExecutionException e) {
      refused.incrementAndGet();
      mine.completeExceptionally(new PlugRejectedException(Reason.BUSY, "too many uploads being compiled; try again later"));
    }
    return mine.thenApply(m -> (PlugModule) m).exceptionallyCompose(ModuleLoader::unwrap);
  }

  private static CompletableFuture<PlugModule> unwrap(Throwable t) {
    return CompletableFuture.failedFuture(t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
  }

  private LoadedModule compile(String hash, byte[] bytes) throws PlugRejectedException {
    long start = System.nanoTime();
    WasmModule module = validator.validate(bytes);
    boolean onDisk = (compiledCache != null && compiledCache.has(hash)) || (mixedCache != null && mixedCache.has(hash));
    if (!onDisk && limits.interpretWhileCompiling() && limits.interpreterFallback()) {
      return interpretWhileCompiling(hash, bytes.length, module, start);
    }
    Compiled c = compileCode(hash, module);
    if (!c.fromDisk()) compiled.incrementAndGet();
    ModuleCode code = ModuleCode.compiled(c.factory(), c.interpreted());
    preload.accept(new LoadedModule(hash, bytes.length, 0, c.fromDisk(), module, code));
    long millis = (System.nanoTime() - start) / 1_000_000;
    log.info("plug module {} ready in {} ms ({}{})", hash, millis, c.fromDisk() ? "from disk cache" : "compiled",
        c.interpreted() ? ", some functions interpreted" : "");
    return new LoadedModule(hash, bytes.length, millis, c.fromDisk(), module, code);
  }

  /**
   * A module never compiled before answers at once in the interpreter (under the listener that
   * keeps the time limit) while the compiler works in the background pool; its instances switch
   * to the compiled code when it is ready.
   */
  private LoadedModule interpretWhileCompiling(String hash, int length, WasmModule module, long start)
      throws PlugRejectedException {
    ModuleCode code = ModuleCode.interpreting();
    if (compiler.getQueue().remainingCapacity() == 0) {
      // bounded: an upload flood is refused rather than left in the interpreter for good
      throw new PlugRejectedException(Reason.BUSY, "too many uploads being compiled; try again later");
    }
    Runnable compile = () -> {
      try {
        long t0 = System.nanoTime();
        Compiled c = compileCode(hash, module);
        compiled.incrementAndGet();
        preload.accept(new LoadedModule(hash, length, 0, false, module, ModuleCode.compiled(c.factory(), c.interpreted())));
        code.upgrade(c.factory(), c.interpreted());
        log.info("plug module {} compiled in the background in {} ms{}", hash, (System.nanoTime() - t0) / 1_000_000,
            c.interpreted() ? " (some functions interpreted)" : "");
      } catch (Throwable e) {
        log.warn("plug module {} could not be compiled; it stays in the interpreter: {}", hash, e.toString());
        code.compileFailed(e);
      }
    };
    CompletableFuture.delayedExecutor(COMPILE_GRACE_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
      try {
        compiler.execute(compile);
      } catch (RejectedExecutionException e) {
        log.warn("plug module {}: compile pool full or closed; it stays in the interpreter", hash);
        code.compileFailed(e);
      }
    });
    long millis = (System.nanoTime() - start) / 1_000_000;
    log.info("plug module {} ready in {} ms (interpreted while it compiles)", hash, millis);
    return new LoadedModule(hash, length, millis, false, module, code);
  }

  /** Compiled code, with the reason when the module cannot be compiled. */
  private record Compiled(Function<Instance, Machine> factory, boolean interpreted, boolean fromDisk) {}

  private Compiled compileCode(String hash, WasmModule module) throws PlugRejectedException {
    boolean onDisk = compiledCache != null && compiledCache.has(hash);
    boolean mixedOnDisk = mixedCache != null && mixedCache.has(hash);
    Function<Instance, Machine> factory = null;
    boolean interpreted = mixedOnDisk;
    if (!mixedOnDisk) {
      try {
        var b = MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.FAIL);
        if (compiledCache != null) b.withCache(compiledCache);
        factory = b.compile();
      } catch (ChicoryException e) {
        if (!isTooLargeForCompiler(e)) {
          throw new PlugRejectedException(Reason.INVALID, "cannot compile module: " + e.getMessage());
        }
        if (!limits.interpreterFallback()) {
          throw new PlugRejectedException(Reason.NOT_COMPILABLE, e.getMessage());
        }
        interpreted = true;
      }
    }
    if (interpreted) {
      var b = MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.SILENT);
      if (mixedCache != null) b.withCache(mixedCache);
      factory = b.compile();
    }
    return new Compiled(factory, interpreted, onDisk || mixedOnDisk);
  }

  private static boolean isTooLargeForCompiler(ChicoryException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().equals("MethodTooLargeException")) return true;
      String m = t.getMessage();
      if (m != null && m.contains("exceeds the Java method size limits")) return true;
    }
    return false;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs low-priority work on the compile pool; dropped when the pool is full. */
  public void background(Runnable task) {
    try {
      pool.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          log.warn("background plug task failed", e);
        }
      });
    } catch (RejectedExecutionException e) {
      // busy: the work is an optimisation only
    }
  }

  public long compiledCount() { return compiled.get(); }
  public long memoryHits() { return memoryHits.get(); }
  public long diskHits() { return diskHits.get(); }
  public long refusedCount() { return refused.get(); }

  /**
   * Stops compiling. Waits a bounded time for compiles already running, so none still writes into
   * the code cache once the owner removes or reuses the data directory; a compile that outlasts the
   * wait only loses its cache entry (the writes are atomic).
   */
  @Override
  public void close() {
    pool.shutdownNow();
    compiler.shutdownNow();
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
      pool.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      compiler.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Compile threads and queue as the limits say; idle threads time out. */
  private static ThreadPoolExecutor boundedPool(PlugLimits limits, String namePrefix, int priority) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor p =
        new ThreadPoolExecutor(
            limits.compileThreads(),
            limits.compileThreads(),
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(limits.compileQueue()),
            r -> {
              Thread t = new Thread(r, namePrefix + n.incrementAndGet());
              t.setDaemon(true);
              t.setPriority(priority);
              return t;
            });
    p.allowCoreThreadTimeOut(true);
    return p;
  }
}
