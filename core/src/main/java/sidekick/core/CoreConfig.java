package sidekick.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import sidekick.dice.DiceLimits;
import sidekick.plugs.PlugLimits;
import sidekick.store.StoreConfig;

/**
 * Every limit of the core as a named, configurable value with a sane default. Build with
 * {@code CoreConfig.defaults()} or {@code CoreConfig.builder().maxSavedRollsPerScope(10).build()}.
 */
public final class CoreConfig {
  /** Command prefixes; the first is the one shown in help texts. */
  public static final List<String> DEFAULT_PREFIXES = List.of("/r", "!r");
  public static final int DEFAULT_MAX_COMMAND_CHARS = 4_000;
  /** Discord refuses messages longer than 2000 characters: longer replies are cut with a note. */
  public static final int DEFAULT_MAX_REPLY_CHARS = 2_000;
  public static final int DEFAULT_MAX_SAVED_ROLLS_PER_SCOPE = 50;
  public static final int DEFAULT_MAX_SAVED_ROLL_NAME_CHARS = 32;
  public static final int DEFAULT_MAX_SAVED_ROLL_EXPR_CHARS = 200;
  public static final int DEFAULT_MAX_PLUG_NAME_CHARS = 32;
  public static final int DEFAULT_MAX_CHANNEL_CHARS = 100;
  public static final int DEFAULT_MAX_USER_CHARS = 100;
  /**
   * Threads that finish a command whose plug the watchdog abandoned (or whose chain every busy plug
   * worker refused), when the rest may block (saved rolls, SQLite): rare, so few; idle ones exit.
   */
  public static final int DEFAULT_CHAIN_FALLBACK_THREADS = 2;
  /** Such commands waiting for a fallback thread; beyond it they are answered 429 (retry). */
  public static final int DEFAULT_CHAIN_FALLBACK_QUEUE = 1_024;
  public static final int DEFAULT_EVENT_PAGE_LIMIT = 1_000;
  public static final Duration DEFAULT_BIND_CODE_TTL = Duration.ofMinutes(10);
  /** Newest events of each channel kept in memory for live readers (older ones are read from disk). */
  public static final int DEFAULT_EVENT_MEMORY_PER_CHANNEL = 32;
  /**
   * Channels whose feed (head seq, newest events) is kept in memory; beyond it the longest idle ones
   * without subscribers and with everything on disk are dropped (read again from disk when used).
   */
  public static final int DEFAULT_MAX_FEEDS_IN_MEMORY = 10_000;
  /** Events kept per channel; older ones are pruned (a client far behind gets a truncated page). */
  public static final long DEFAULT_EVENT_RETENTION_PER_CHANNEL = 10_000;
  /** How often the core looks for token changes made by another process on the same data directory. */
  public static final Duration DEFAULT_TOKEN_POLL_INTERVAL = Duration.ofMillis(250);
  /**
   * How long the event writer gathers more events into a commit nobody waits for (0 = commit at once,
   * at most a minute): what a crash may lose beyond the commit in progress (docs/core.md).
   */
  public static final Duration DEFAULT_EVENT_COMMIT_WINDOW = Duration.ofMillis(2);
  /** The longest gathering window allowed (tests hold commits back with a long one). */
  public static final Duration MAX_EVENT_COMMIT_WINDOW = Duration.ofMinutes(1);

  private final List<String> prefixes;
  private final int maxCommandChars;
  private final int maxReplyChars;
  private final int maxSavedRollsPerScope;
  private final int maxSavedRollNameChars;
  private final int maxSavedRollExprChars;
  private final int maxPlugNameChars;
  private final int maxChannelChars;
  private final int maxUserChars;
  private final int chainFallbackThreads;
  private final int chainFallbackQueue;
  private final int eventPageLimit;
  private final long eventRetentionPerChannel;
  private final int eventMemoryPerChannel;
  private final int maxFeedsInMemory;
  private final Duration bindCodeTtl;
  private final Duration tokenPollInterval;
  private final Duration eventCommitWindow;
  private final boolean inlineRollsByDefault;
  private final Long randomSeed;
  private final DiceLimits diceLimits;
  private final PlugLimits plugLimits;
  private final StoreConfig storeConfig;

  private CoreConfig(Builder b) {
    this.prefixes = List.copyOf(b.prefixes);
    this.maxCommandChars = positive(b.maxCommandChars, "maxCommandChars");
    this.maxReplyChars = positive(b.maxReplyChars, "maxReplyChars");
    this.maxSavedRollsPerScope = positive(b.maxSavedRollsPerScope, "maxSavedRollsPerScope");
    this.maxSavedRollNameChars = positive(b.maxSavedRollNameChars, "maxSavedRollNameChars");
    this.maxSavedRollExprChars = positive(b.maxSavedRollExprChars, "maxSavedRollExprChars");
    this.maxPlugNameChars = positive(b.maxPlugNameChars, "maxPlugNameChars");
    this.maxChannelChars = positive(b.maxChannelChars, "maxChannelChars");
    this.maxUserChars = positive(b.maxUserChars, "maxUserChars");
    this.chainFallbackThreads = positive(b.chainFallbackThreads, "chainFallbackThreads");
    this.chainFallbackQueue = positive(b.chainFallbackQueue, "chainFallbackQueue");
    this.eventPageLimit = positive(b.eventPageLimit, "eventPageLimit");
    this.eventMemoryPerChannel = positive(b.eventMemoryPerChannel, "eventMemoryPerChannel");
    this.maxFeedsInMemory = positive(b.maxFeedsInMemory, "maxFeedsInMemory");
    this.eventRetentionPerChannel = positive((int) Math.min(Integer.MAX_VALUE, b.eventRetentionPerChannel), "eventRetentionPerChannel");
    this.bindCodeTtl = Objects.requireNonNull(b.bindCodeTtl);
    this.tokenPollInterval = Objects.requireNonNull(b.tokenPollInterval);
    this.eventCommitWindow = b.eventCommitWindow;
    if (eventCommitWindow.isNegative() || eventCommitWindow.compareTo(MAX_EVENT_COMMIT_WINDOW) > 0) {
      throw new IllegalArgumentException("eventCommitWindow must be between 0 and 1 minute, got " + eventCommitWindow);
    }
    this.inlineRollsByDefault = b.inlineRollsByDefault;
    this.randomSeed = b.randomSeed;
    this.diceLimits = Objects.requireNonNull(b.diceLimits);
    this.plugLimits = Objects.requireNonNull(b.plugLimits);
    this.storeConfig = Objects.requireNonNull(b.storeConfig);
    if (prefixes.isEmpty()) throw new IllegalArgumentException("at least one command prefix is needed");
  }

  private static int positive(int v, String name) {
    if (v <= 0) throw new IllegalArgumentException(name + " must be positive, got " + v);
    return v;
  }

  public static CoreConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.prefixes = prefixes;
    b.maxCommandChars = maxCommandChars;
    b.maxReplyChars = maxReplyChars;
    b.maxSavedRollsPerScope = maxSavedRollsPerScope;
    b.maxSavedRollNameChars = maxSavedRollNameChars;
    b.maxSavedRollExprChars = maxSavedRollExprChars;
    b.maxPlugNameChars = maxPlugNameChars;
    b.maxChannelChars = maxChannelChars;
    b.maxUserChars = maxUserChars;
    b.chainFallbackThreads = chainFallbackThreads;
    b.chainFallbackQueue = chainFallbackQueue;
    b.eventPageLimit = eventPageLimit;
    b.eventRetentionPerChannel = eventRetentionPerChannel;
    b.eventMemoryPerChannel = eventMemoryPerChannel;
    b.maxFeedsInMemory = maxFeedsInMemory;
    b.bindCodeTtl = bindCodeTtl;
    b.tokenPollInterval = tokenPollInterval;
    b.eventCommitWindow = eventCommitWindow;
    b.inlineRollsByDefault = inlineRollsByDefault;
    b.randomSeed = randomSeed;
    b.diceLimits = diceLimits;
    b.plugLimits = plugLimits;
    b.storeConfig = storeConfig;
    return b;
  }

  public List<String> prefixes() { return prefixes; }
  public int maxCommandChars() { return maxCommandChars; }
  public int maxReplyChars() { return maxReplyChars; }
  public int maxSavedRollsPerScope() { return maxSavedRollsPerScope; }
  public int maxSavedRollNameChars() { return maxSavedRollNameChars; }
  public int maxSavedRollExprChars() { return maxSavedRollExprChars; }
  public int maxPlugNameChars() { return maxPlugNameChars; }
  public int maxChannelChars() { return maxChannelChars; }
  public int maxUserChars() { return maxUserChars; }
  public int chainFallbackThreads() { return chainFallbackThreads; }
  public int chainFallbackQueue() { return chainFallbackQueue; }
  public int eventPageLimit() { return eventPageLimit; }
  public long eventRetentionPerChannel() { return eventRetentionPerChannel; }
  public int eventMemoryPerChannel() { return eventMemoryPerChannel; }
  public int maxFeedsInMemory() { return maxFeedsInMemory; }
  public Duration bindCodeTtl() { return bindCodeTtl; }
  public Duration tokenPollInterval() { return tokenPollInterval; }
  public Duration eventCommitWindow() { return eventCommitWindow; }
  public boolean inlineRollsByDefault() { return inlineRollsByDefault; }
  /** A fixed seed for every roll and shuffle (tests and demos only); null for unpredictable rolls. */
  public Long randomSeed() { return randomSeed; }
  /** Dice limits: dice per roll, inline rolls per message, saved-roll depth, repeat count, ... */
  public DiceLimits diceLimits() { return diceLimits; }
  /** Plug limits: module size, memory, wall time per call, plugs per channel, ... */
  public PlugLimits plugLimits() { return plugLimits; }
  /** WASM store tuning and limits. */
  public StoreConfig storeConfig() { return storeConfig; }

  /** Mutable builder; every setter returns this. */
  public static final class Builder {
    private List<String> prefixes = DEFAULT_PREFIXES;
    private int maxCommandChars = DEFAULT_MAX_COMMAND_CHARS;
    private int maxReplyChars = DEFAULT_MAX_REPLY_CHARS;
    private int maxSavedRollsPerScope = DEFAULT_MAX_SAVED_ROLLS_PER_SCOPE;
    private int maxSavedRollNameChars = DEFAULT_MAX_SAVED_ROLL_NAME_CHARS;
    private int maxSavedRollExprChars = DEFAULT_MAX_SAVED_ROLL_EXPR_CHARS;
    private int maxPlugNameChars = DEFAULT_MAX_PLUG_NAME_CHARS;
    private int maxChannelChars = DEFAULT_MAX_CHANNEL_CHARS;
    private int maxUserChars = DEFAULT_MAX_USER_CHARS;
    private int chainFallbackThreads = DEFAULT_CHAIN_FALLBACK_THREADS;
    private int chainFallbackQueue = DEFAULT_CHAIN_FALLBACK_QUEUE;
    private int eventPageLimit = DEFAULT_EVENT_PAGE_LIMIT;
    private long eventRetentionPerChannel = DEFAULT_EVENT_RETENTION_PER_CHANNEL;
    private int eventMemoryPerChannel = DEFAULT_EVENT_MEMORY_PER_CHANNEL;
    private int maxFeedsInMemory = DEFAULT_MAX_FEEDS_IN_MEMORY;
    private Duration bindCodeTtl = DEFAULT_BIND_CODE_TTL;
    private Duration tokenPollInterval = DEFAULT_TOKEN_POLL_INTERVAL;
    private Duration eventCommitWindow = DEFAULT_EVENT_COMMIT_WINDOW;
    private boolean inlineRollsByDefault = true;
    private Long randomSeed;
    private DiceLimits diceLimits = DiceLimits.DEFAULTS;
    private PlugLimits plugLimits = PlugLimits.DEFAULTS;
    private StoreConfig storeConfig = StoreConfig.defaults();

    private Builder() {}

    public Builder prefixes(List<String> v) { prefixes = v; return this; }
    public Builder maxCommandChars(int v) { maxCommandChars = v; return this; }
    public Builder maxReplyChars(int v) { maxReplyChars = v; return this; }
    public Builder maxSavedRollsPerScope(int v) { maxSavedRollsPerScope = v; return this; }
    public Builder maxSavedRollNameChars(int v) { maxSavedRollNameChars = v; return this; }
    public Builder maxSavedRollExprChars(int v) { maxSavedRollExprChars = v; return this; }
    public Builder maxPlugNameChars(int v) { maxPlugNameChars = v; return this; }
    public Builder maxChannelChars(int v) { maxChannelChars = v; return this; }
    public Builder maxUserChars(int v) { maxUserChars = v; return this; }
    public Builder chainFallbackThreads(int v) { chainFallbackThreads = v; return this; }
    public Builder chainFallbackQueue(int v) { chainFallbackQueue = v; return this; }
    public Builder eventPageLimit(int v) { eventPageLimit = v; return this; }
    public Builder eventRetentionPerChannel(long v) { eventRetentionPerChannel = v; return this; }
    public Builder eventMemoryPerChannel(int v) { eventMemoryPerChannel = v; return this; }
    public Builder maxFeedsInMemory(int v) { maxFeedsInMemory = v; return this; }
    public Builder bindCodeTtl(Duration v) { bindCodeTtl = v; return this; }
    public Builder tokenPollInterval(Duration v) { tokenPollInterval = v; return this; }
    public Builder eventCommitWindow(Duration v) { eventCommitWindow = Objects.requireNonNull(v); return this; }
    public Builder inlineRollsByDefault(boolean v) { inlineRollsByDefault = v; return this; }
    public Builder randomSeed(Long v) { randomSeed = v; return this; }
    public Builder diceLimits(DiceLimits v) { diceLimits = v; return this; }
    public Builder plugLimits(PlugLimits v) { plugLimits = v; return this; }
    public Builder storeConfig(StoreConfig v) { storeConfig = v; return this; }

    public CoreConfig build() {
      return new CoreConfig(this);
    }
  }
}
