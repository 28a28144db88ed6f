package sidekick.plugs;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Every limit the runtime enforces, with sane defaults as named constants. Build with {@link
 * #builder()}; {@link #DEFAULTS} is what {@code sidekick serve} uses unless configured.
 */
public final class PlugLimits {
  /** Largest module accepted at upload (a larger one is refused with a 413). */
  public static final int DEFAULT_MAX_MODULE_BYTES = 4 * 1024 * 1024;
  /** Most functions (imported and defined) a module may have. */
  public static final int DEFAULT_MAX_FUNCTIONS = 20_000;
  /** Memory cap per call: linear memory plus every block the plug makes the host allocate. */
  public static final long DEFAULT_MAX_MEMORY_BYTES = 64L * 1024 * 1024;
  /**
   * The share of the memory cap for the blocks a plug makes the host allocate (Extism kernel
   * memory: input, output, host function answers); linear memory gets the rest, so the two
   * together never pass the cap. Unless set, the smaller of this and a quarter of the cap.
   */
  public static final long DEFAULT_MAX_HOST_BLOCK_BYTES = 4L * 1024 * 1024;
  /** Most table elements a module may declare. */
  public static final int DEFAULT_MAX_TABLE_ELEMENTS = 100_000;
  /** Wall time of one plug call (instantiation included when the pool has no warm instance). */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMillis(50);
  /**
   * Wall time to create an instance when no warm one is idle (the module's start function and
   * {@code _initialize} run then). Installing a plug warms one instance ahead, so commands rarely
   * pay it.
   */
  public static final Duration DEFAULT_INSTANTIATE_TIMEOUT = Duration.ofSeconds(1);
  /** Largest output a plug may set. */
  public static final int DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;
  /** Log bytes kept per call (Extism logs plus WASI stdout/stderr); the rest is dropped. */
  public static final int DEFAULT_MAX_LOG_BYTES_PER_CALL = 16 * 1024;
  /** Host function calls ({@code roll}, {@code saved_roll}) allowed in one plug call. */
  public static final int DEFAULT_MAX_HOST_CALLS_PER_CALL = 100;
  /** Total size of a plug's Extism vars (keys plus values). */
  public static final int DEFAULT_MAX_VAR_BYTES = 64 * 1024;
  /** Consecutive faults after which a plug is disabled for {@link #DEFAULT_DISABLE_FOR}. */
  public static final int DEFAULT_FAULTS_BEFORE_DISABLE = 5;
  /** How long a plug stays disabled after repeated faults. */
  public static final Duration DEFAULT_DISABLE_FOR = Duration.ofSeconds(60);
  /** Threads that parse and compile uploads (off the request path). */
  public static final int DEFAULT_COMPILE_THREADS = 1;
  /** Uploads waiting for a compile thread; beyond that an upload is refused as busy (503). */
  public static final int DEFAULT_COMPILE_QUEUE = 16;
  /** Warm instances kept per installed plug. */
  public static final int DEFAULT_MAX_IDLE_INSTANCES = 4;
  /**
   * Idle warm instances kept over every plug of the runtime; past it the instances idle longest
   * are dropped (a plug whose pool is empty instantiates on its next call).
   */
  public static final int DEFAULT_MAX_IDLE_INSTANCES_TOTAL = 512;
  /** Linear memory of every idle warm instance together; past it, the same eviction. */
  public static final long DEFAULT_MAX_IDLE_INSTANCE_BYTES = 256L * 1024 * 1024;
  /**
   * How far an instance's linear memory may grow past its size after initialisation before the
   * instance is recycled (dropped after its call, a fresh one takes its place). Plugs built with a
   * runtime that never frees (AssemblyScript {@code --runtime stub}, the fastest under Chicory)
   * allocate anew on every call: recycling keeps such instances bounded.
   */
  public static final long DEFAULT_RECYCLE_GROWTH_BYTES = 1024L * 1024;
  /** Plugs in one channel's chain. */
  public static final int DEFAULT_MAX_PLUGS_PER_CHANNEL = 16;
  /** Threads running chains; a worker stuck past twice the call limit is abandoned and replaced. */
  public static final int DEFAULT_WORKER_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
  /** Commands waiting for a worker; beyond that a command runs without its plugs. */
  public static final int DEFAULT_WORKER_QUEUE = 1024;

  public static final PlugLimits DEFAULTS = builder().build();

  private final int maxModuleBytes;
  private final int maxFunctions;
  private final long maxMemoryBytes;
  private final long maxHostBlockBytes;
  /** As given to the builder (0: derived from the cap), so toBuilder() derives it again. */
  private final long maxHostBlockBytesSet;
  private final int maxTableElements;
  private final Duration callTimeout;
  private final Duration instantiateTimeout;
  private final int maxOutputBytes;
  private final int maxLogBytesPerCall;
  private final int maxHostCallsPerCall;
  private final int maxVarBytes;
  private final int faultsBeforeDisable;
  private final Duration disableFor;
  private final int compileThreads;
  private final int compileQueue;
  private final int maxIdleInstances;
  private final int maxIdleInstancesTotal;
  private final long maxIdleInstanceBytes;
  private final long recycleGrowthBytes;
  private final int maxPlugsPerChannel;
  private final int workerThreads;
  private final int workerQueue;
  private final boolean interpreterFallback;
  private final boolean interpretWhileCompiling;
  private final Set<String> httpAllowedHosts;

  private PlugLimits(Builder b) {
    this.maxModuleBytes = positive(b.maxModuleBytes, "maxModuleBytes");
    this.maxFunctions = positive(b.maxFunctions, "maxFunctions");
    if (b.maxMemoryBytes < 65536) throw new IllegalArgumentException("maxMemoryBytes < one page");
    this.maxMemoryBytes = b.maxMemoryBytes;
    this.maxHostBlockBytesSet = b.maxHostBlockBytes;
    this.maxHostBlockBytes = b.maxHostBlockBytes > 0 ? b.maxHostBlockBytes
        : Math.min(DEFAULT_MAX_HOST_BLOCK_BYTES, b.maxMemoryBytes / 4);
    if (maxMemoryBytes - maxHostBlockBytes < 65536) {
      throw new IllegalArgumentException("maxHostBlockBytes leaves less than one page of linear memory");
    }
    this.maxTableElements = positive(b.maxTableElements, "maxTableElements");
    this.callTimeout = Objects.requireNonNull(b.callTimeout);
    if (callTimeout.isNegative() || callTimeout.isZero()) throw new IllegalArgumentException("callTimeout");
    this.instantiateTimeout = Objects.requireNonNull(b.instantiateTimeout);
    if (instantiateTimeout.isNegative() || instantiateTimeout.isZero()) throw new IllegalArgumentException("instantiateTimeout");
    this.maxOutputBytes = positive(b.maxOutputBytes, "maxOutputBytes");
    this.maxLogBytesPerCall = positive(b.maxLogBytesPerCall, "maxLogBytesPerCall");
    this.maxHostCallsPerCall = positive(b.maxHostCallsPerCall, "maxHostCallsPerCall");
    this.maxVarBytes = positive(b.maxVarBytes, "maxVarBytes");
    this.faultsBeforeDisable = positive(b.faultsBeforeDisable, "faultsBeforeDisable");
    this.disableFor = Objects.requireNonNull(b.disableFor);
    this.compileThreads = positive(b.compileThreads, "compileThreads");
    this.compileQueue = positive(b.compileQueue, "compileQueue");
    this.maxIdleInstances = positive(b.maxIdleInstances, "maxIdleInstances");
    this.maxIdleInstancesTotal = positive(b.maxIdleInstancesTotal, "maxIdleInstancesTotal");
    if (b.maxIdleInstanceBytes <= 0) throw new IllegalArgumentException("maxIdleInstanceBytes must be positive");
    this.maxIdleInstanceBytes = b.maxIdleInstanceBytes;
    if (b.recycleGrowthBytes < 0) throw new IllegalArgumentException("recycleGrowthBytes must not be negative");
    this.recycleGrowthBytes = b.recycleGrowthBytes;
    this.maxPlugsPerChannel = positive(b.maxPlugsPerChannel, "maxPlugsPerChannel");
    this.workerThreads = positive(b.workerThreads, "workerThreads");
    this.workerQueue = positive(b.workerQueue, "workerQueue");
    this.interpreterFallback = b.interpreterFallback;
    this.interpretWhileCompiling = b.interpretWhileCompiling;
    this.httpAllowedHosts = Set.copyOf(b.httpAllowedHosts);
  }

  private static int positive(int v, String name) {
    if (v <= 0) throw new IllegalArgumentException(name + " must be positive, got " + v);
    return v;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxModuleBytes = maxModuleBytes;
    b.maxFunctions = maxFunctions;
    b.maxMemoryBytes = maxMemoryBytes;
    b.maxHostBlockBytes = maxHostBlockBytesSet;
    b.maxTableElements = maxTableElements;
    b.callTimeout = callTimeout;
    b.instantiateTimeout = instantiateTimeout;
    b.maxOutputBytes = maxOutputBytes;
    b.maxLogBytesPerCall = maxLogBytesPerCall;
    b.maxHostCallsPerCall = maxHostCallsPerCall;
    b.maxVarBytes = maxVarBytes;
    b.faultsBeforeDisable = faultsBeforeDisable;
    b.disableFor = disableFor;
    b.compileThreads = compileThreads;
    b.compileQueue = compileQueue;
    b.maxIdleInstances = maxIdleInstances;
    b.maxIdleInstancesTotal = maxIdleInstancesTotal;
    b.maxIdleInstanceBytes = maxIdleInstanceBytes;
    b.recycleGrowthBytes = recycleGrowthBytes;
    b.maxPlugsPerChannel = maxPlugsPerChannel;
    b.workerThreads = workerThreads;
    b.workerQueue = workerQueue;
    b.interpreterFallback = interpreterFallback;
    b.interpretWhileCompiling = interpretWhileCompiling;
    b.httpAllowedHosts = httpAllowedHosts;
    return b;
  }

  public int maxModuleBytes() { return maxModuleBytes; }
  public int maxFunctions() { return maxFunctions; }
  public long maxMemoryBytes() { return maxMemoryBytes; }
  /** The share of the memory cap for host blocks (Extism kernel memory). */
  public long maxHostBlockBytes() { return maxHostBlockBytes; }
  /** Linear memory allowed, in 64 KiB WebAssembly pages: the cap less the host blocks' share. */
  public int maxMemoryPages() { return (int) Math.min(65536, (maxMemoryBytes - maxHostBlockBytes) / 65536); }
  public int maxTableElements() { return maxTableElements; }
  public Duration callTimeout() { return callTimeout; }
  public Duration instantiateTimeout() { return instantiateTimeout; }
  public int maxOutputBytes() { return maxOutputBytes; }
  public int maxLogBytesPerCall() { return maxLogBytesPerCall; }
  public int maxHostCallsPerCall() { return maxHostCallsPerCall; }
  public int maxVarBytes() { return maxVarBytes; }
  public int faultsBeforeDisable() { return faultsBeforeDisable; }
  public Duration disableFor() { return disableFor; }
  public int compileThreads() { return compileThreads; }
  public int compileQueue() { return compileQueue; }
  public int maxIdleInstances() { return maxIdleInstances; }
  /** Idle warm instances over every plug of the runtime. */
  public int maxIdleInstancesTotal() { return maxIdleInstancesTotal; }
  /** Linear memory bytes of every idle warm instance together. */
  public long maxIdleInstanceBytes() { return maxIdleInstanceBytes; }
  /** Growth of an instance's linear memory past its initial size that makes it recycled. */
  public long recycleGrowthBytes() { return recycleGrowthBytes; }
  public int maxPlugsPerChannel() { return maxPlugsPerChannel; }
  public int workerThreads() { return workerThreads; }
  public int workerQueue() { return workerQueue; }
  /**
   * Whether a function too large for the compiler may run in Chicory's interpreter (always under
   * an instruction-counting listener that enforces the time limit); if false such a module is
   * refused at upload.
   */
  public boolean interpreterFallback() { return interpreterFallback; }
  /**
   * Whether a module uploaded for the first time (its compiled code in no cache) answers at once
   * in Chicory's interpreter, under the same instruction-counting listener and time limit, while
   * the compiler works in the background; its instances switch to compiled code when ready.
   * Needs {@link #interpreterFallback()}. Off: the upload completes only once compiled.
   */
  public boolean interpretWhileCompiling() { return interpretWhileCompiling; }
  /** Hosts an HTTP plug may be registered at (exact host names, lower case). Empty: none. */
  public Set<String> httpAllowedHosts() { return httpAllowedHosts; }

  /** Mutable builder; every field starts at its default. */
  public static final class Builder {
    private int maxModuleBytes = DEFAULT_MAX_MODULE_BYTES;
    private int maxFunctions = DEFAULT_MAX_FUNCTIONS;
    private long maxMemoryBytes = DEFAULT_MAX_MEMORY_BYTES;
    private long maxHostBlockBytes; // 0: derived from maxMemoryBytes
    private int maxTableElements = DEFAULT_MAX_TABLE_ELEMENTS;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private Duration instantiateTimeout = DEFAULT_INSTANTIATE_TIMEOUT;
    private int maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;
    private int maxLogBytesPerCall = DEFAULT_MAX_LOG_BYTES_PER_CALL;
    private int maxHostCallsPerCall = DEFAULT_MAX_HOST_CALLS_PER_CALL;
    private int maxVarBytes = DEFAULT_MAX_VAR_BYTES;
    private int faultsBeforeDisable = DEFAULT_FAULTS_BEFORE_DISABLE;
    private Duration disableFor = DEFAULT_DISABLE_FOR;
    private int compileThreads = DEFAULT_COMPILE_THREADS;
    private int compileQueue = DEFAULT_COMPILE_QUEUE;
    private int maxIdleInstances = DEFAULT_MAX_IDLE_INSTANCES;
    private int maxIdleInstancesTotal = DEFAULT_MAX_IDLE_INSTANCES_TOTAL;
    private long maxIdleInstanceBytes = DEFAULT_MAX_IDLE_INSTANCE_BYTES;
    private long recycleGrowthBytes = DEFAULT_RECYCLE_GROWTH_BYTES;
    private int maxPlugsPerChannel = DEFAULT_MAX_PLUGS_PER_CHANNEL;
    private int workerThreads = DEFAULT_WORKER_THREADS;
    private int workerQueue = DEFAULT_WORKER_QUEUE;
    private boolean interpreterFallback = true;
    private boolean interpretWhileCompiling = true;
    private Set<String> httpAllowedHosts = Set.of();

    private Builder() {}

    public Builder maxModuleBytes(int v) { maxModuleBytes = v; return this; }
    public Builder maxFunctions(int v) { maxFunctions = v; return this; }
    public Builder maxMemoryBytes(long v) { maxMemoryBytes = v; return this; }
    public Builder maxHostBlockBytes(long v) { maxHostBlockBytes = v; return this; }
    public Builder maxTableElements(int v) { maxTableElements = v; return this; }
    public Builder callTimeout(Duration v) { callTimeout = v; return this; }
    public Builder instantiateTimeout(Duration v) { instantiateTimeout = v; return this; }
    public Builder maxOutputBytes(int v) { maxOutputBytes = v; return this; }
    public Builder maxLogBytesPerCall(int v) { maxLogBytesPerCall = v; return this; }
    public Builder maxHostCallsPerCall(int v) { maxHostCallsPerCall = v; return this; }
    public Builder maxVarBytes(int v) { maxVarBytes = v; return this; }
    public Builder faultsBeforeDisable(int v) { faultsBeforeDisable = v; return this; }
    public Builder disableFor(Duration v) { disableFor = v; return this; }
    public Builder compileThreads(int v) { compileThreads = v; return this; }
    public Builder compileQueue(int v) { compileQueue = v; return this; }
    public Builder maxIdleInstances(int v) { maxIdleInstances = v; return this; }
    public Builder maxIdleInstancesTotal(int v) { maxIdleInstancesTotal = v; return this; }
    public Builder maxIdleInstanceBytes(long v) { maxIdleInstanceBytes = v; return this; }
    public Builder recycleGrowthBytes(long v) { recycleGrowthBytes = v; return this; }
    public Builder maxPlugsPerChannel(int v) { maxPlugsPerChannel = v; return this; }
    public Builder workerThreads(int v) { workerThreads = v; return this; }
    public Builder workerQueue(int v) { workerQueue = v; return this; }
    public Builder interpreterFallback(boolean v) { interpreterFallback = v; return this; }
    public Builder interpretWhileCompiling(boolean v) { interpretWhileCompiling = v; return this; }
    public Builder httpAllowedHosts(Set<String> v) { httpAllowedHosts = Set.copyOf(v); return this; }

    public PlugLimits build() {
      return new PlugLimits(this);
    }
  }
}
