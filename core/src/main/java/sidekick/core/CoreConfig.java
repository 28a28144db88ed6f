package sidekick.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Every limit of the core as a named, configurable value with a sane default. Build with
 * {@code CoreConfig.defaults()} or {@code CoreConfig.builder().maxSavedRolls(10).build()}.
 */
public final class CoreConfig {
  /** Command prefixes; the first is the one shown in help texts. */
  public static final List<String> DEFAULT_PREFIXES = List.of("/r", "!r");
  public static final int DEFAULT_MAX_COMMAND_CHARS = 4_000;
  /** Discord refuses messages longer than 2000 characters: longer replies are cut with a note. */
  public static final int DEFAULT_MAX_REPLY_CHARS = 2_000;
  public static final int DEFAULT_MAX_ROLLS_PER_MESSAGE = 20;
  public static final int DEFAULT_MAX_SAVED_ROLLS_PER_SCOPE = 50;
  public static final int DEFAULT_MAX_SAVED_ROLL_NAME_CHARS = 32;
  public static final int DEFAULT_MAX_SAVED_ROLL_EXPR_CHARS = 200;
  /** How deep saved rolls may refer to each other (a cycle is reported before this matters). */
  public static final int DEFAULT_MAX_SAVED_ROLL_DEPTH = 8;
  public static final int DEFAULT_MAX_REPEAT = 20;
  public static final int DEFAULT_MAX_PLUGS_PER_CHANNEL = 8;
  public static final int DEFAULT_MAX_PLUG_NAME_CHARS = 32;
  public static final int DEFAULT_MAX_CHANNEL_CHARS = 100;
  public static final int DEFAULT_MAX_USER_CHARS = 100;
  public static final int DEFAULT_EVENT_PAGE_LIMIT = 1_000;
  public static final int DEFAULT_DECKS = 1;
  public static final Duration DEFAULT_BIND_CODE_TTL = Duration.ofMinutes(10);
  /** How often the core looks for token changes made by another process on the same data directory. */
  public static final Duration DEFAULT_TOKEN_POLL_INTERVAL = Duration.ofMillis(250);

  private final List<String> prefixes;
  private final int maxCommandChars;
  private final int maxReplyChars;
  private final int maxRollsPerMessage;
  private final int maxSavedRollsPerScope;
  private final int maxSavedRollNameChars;
  private final int maxSavedRollExprChars;
  private final int maxSavedRollDepth;
  private final int maxRepeat;
  private final int maxPlugsPerChannel;
  private final int maxPlugNameChars;
  private final int maxChannelChars;
  private final int maxUserChars;
  private final int eventPageLimit;
  private final Duration bindCodeTtl;
  private final Duration tokenPollInterval;
  private final boolean inlineRollsByDefault;

  private CoreConfig(Builder b) {
    this.prefixes = List.copyOf(b.prefixes);
    this.maxCommandChars = positive(b.maxCommandChars, "maxCommandChars");
    this.maxReplyChars = positive(b.maxReplyChars, "maxReplyChars");
    this.maxRollsPerMessage = positive(b.maxRollsPerMessage, "maxRollsPerMessage");
    this.maxSavedRollsPerScope = positive(b.maxSavedRollsPerScope, "maxSavedRollsPerScope");
    this.maxSavedRollNameChars = positive(b.maxSavedRollNameChars, "maxSavedRollNameChars");
    this.maxSavedRollExprChars = positive(b.maxSavedRollExprChars, "maxSavedRollExprChars");
    this.maxSavedRollDepth = positive(b.maxSavedRollDepth, "maxSavedRollDepth");
    this.maxRepeat = positive(b.maxRepeat, "maxRepeat");
    this.maxPlugsPerChannel = positive(b.maxPlugsPerChannel, "maxPlugsPerChannel");
    this.maxPlugNameChars = positive(b.maxPlugNameChars, "maxPlugNameChars");
    this.maxChannelChars = positive(b.maxChannelChars, "maxChannelChars");
    this.maxUserChars = positive(b.maxUserChars, "maxUserChars");
    this.eventPageLimit = positive(b.eventPageLimit, "eventPageLimit");
    this.bindCodeTtl = Objects.requireNonNull(b.bindCodeTtl);
    this.tokenPollInterval = Objects.requireNonNull(b.tokenPollInterval);
    this.inlineRollsByDefault = b.inlineRollsByDefault;
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
    b.maxRollsPerMessage = maxRollsPerMessage;
    b.maxSavedRollsPerScope = maxSavedRollsPerScope;
    b.maxSavedRollNameChars = maxSavedRollNameChars;
    b.maxSavedRollExprChars = maxSavedRollExprChars;
    b.maxSavedRollDepth = maxSavedRollDepth;
    b.maxRepeat = maxRepeat;
    b.maxPlugsPerChannel = maxPlugsPerChannel;
    b.maxPlugNameChars = maxPlugNameChars;
    b.maxChannelChars = maxChannelChars;
    b.maxUserChars = maxUserChars;
    b.eventPageLimit = eventPageLimit;
    b.bindCodeTtl = bindCodeTtl;
    b.tokenPollInterval = tokenPollInterval;
    b.inlineRollsByDefault = inlineRollsByDefault;
    return b;
  }

  public List<String> prefixes() { return prefixes; }
  public int maxCommandChars() { return maxCommandChars; }
  public int maxReplyChars() { return maxReplyChars; }
  public int maxRollsPerMessage() { return maxRollsPerMessage; }
  public int maxSavedRollsPerScope() { return maxSavedRollsPerScope; }
  public int maxSavedRollNameChars() { return maxSavedRollNameChars; }
  public int maxSavedRollExprChars() { return maxSavedRollExprChars; }
  public int maxSavedRollDepth() { return maxSavedRollDepth; }
  public int maxRepeat() { return maxRepeat; }
  public int maxPlugsPerChannel() { return maxPlugsPerChannel; }
  public int maxPlugNameChars() { return maxPlugNameChars; }
  public int maxChannelChars() { return maxChannelChars; }
  public int maxUserChars() { return maxUserChars; }
  public int eventPageLimit() { return eventPageLimit; }
  public Duration bindCodeTtl() { return bindCodeTtl; }
  public Duration tokenPollInterval() { return tokenPollInterval; }
  public boolean inlineRollsByDefault() { return inlineRollsByDefault; }

  /** Mutable builder; every setter returns this. */
  public static final class Builder {
    private List<String> prefixes = DEFAULT_PREFIXES;
    private int maxCommandChars = DEFAULT_MAX_COMMAND_CHARS;
    private int maxReplyChars = DEFAULT_MAX_REPLY_CHARS;
    private int maxRollsPerMessage = DEFAULT_MAX_ROLLS_PER_MESSAGE;
    private int maxSavedRollsPerScope = DEFAULT_MAX_SAVED_ROLLS_PER_SCOPE;
    private int maxSavedRollNameChars = DEFAULT_MAX_SAVED_ROLL_NAME_CHARS;
    private int maxSavedRollExprChars = DEFAULT_MAX_SAVED_ROLL_EXPR_CHARS;
    private int maxSavedRollDepth = DEFAULT_MAX_SAVED_ROLL_DEPTH;
    private int maxRepeat = DEFAULT_MAX_REPEAT;
    private int maxPlugsPerChannel = DEFAULT_MAX_PLUGS_PER_CHANNEL;
    private int maxPlugNameChars = DEFAULT_MAX_PLUG_NAME_CHARS;
    private int maxChannelChars = DEFAULT_MAX_CHANNEL_CHARS;
    private int maxUserChars = DEFAULT_MAX_USER_CHARS;
    private int eventPageLimit = DEFAULT_EVENT_PAGE_LIMIT;
    private Duration bindCodeTtl = DEFAULT_BIND_CODE_TTL;
    private Duration tokenPollInterval = DEFAULT_TOKEN_POLL_INTERVAL;
    private boolean inlineRollsByDefault = true;

    private Builder() {}

    public Builder prefixes(List<String> v) { prefixes = v; return this; }
    public Builder maxCommandChars(int v) { maxCommandChars = v; return this; }
    public Builder maxReplyChars(int v) { maxReplyChars = v; return this; }
    public Builder maxRollsPerMessage(int v) { maxRollsPerMessage = v; return this; }
    public Builder maxSavedRollsPerScope(int v) { maxSavedRollsPerScope = v; return this; }
    public Builder maxSavedRollNameChars(int v) { maxSavedRollNameChars = v; return this; }
    public Builder maxSavedRollExprChars(int v) { maxSavedRollExprChars = v; return this; }
    public Builder maxSavedRollDepth(int v) { maxSavedRollDepth = v; return this; }
    public Builder maxRepeat(int v) { maxRepeat = v; return this; }
    public Builder maxPlugsPerChannel(int v) { maxPlugsPerChannel = v; return this; }
    public Builder maxPlugNameChars(int v) { maxPlugNameChars = v; return this; }
    public Builder maxChannelChars(int v) { maxChannelChars = v; return this; }
    public Builder maxUserChars(int v) { maxUserChars = v; return this; }
    public Builder eventPageLimit(int v) { eventPageLimit = v; return this; }
    public Builder bindCodeTtl(Duration v) { bindCodeTtl = v; return this; }
    public Builder tokenPollInterval(Duration v) { tokenPollInterval = v; return this; }
    public Builder inlineRollsByDefault(boolean v) { inlineRollsByDefault = v; return this; }

    public CoreConfig build() {
      return new CoreConfig(this);
    }
  }
}
