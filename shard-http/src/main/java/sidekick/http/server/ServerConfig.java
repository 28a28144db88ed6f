package sidekick.http.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the server can be told: where to listen, TLS, CORS and every limit. Each limit is a
 * named default here and a flag of {@code sidekick serve}. A rate of 0 turns that limiter off.
 */
public record ServerConfig(
    String bindHost,
    int port,
    Path tlsCert,
    Path tlsKey,
    List<String> corsOrigins,
    int maxBodyBytes,
    int maxUploadBytes,
    int maxFrameBytes,
    double tokenRatePerSecond,
    double tokenBurst,
    double channelRatePerSecond,
    double channelBurst,
    double anonymousRatePerSecond,
    double anonymousBurst,
    int maxLongPollSeconds,
    Duration idleTimeout,
    Duration requestReadTimeout,
    int maxInFlightPerSocket,
    int ioThreads,
    int workerThreads,
    int workerQueue,
    Duration idempotencyTtl,
    int idempotencyMaxEntries,
    Duration shutdownDrain,
    boolean replyAfterCommit,
    boolean commandsOnEventLoop,
    Transport transport) {

  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  /** JSON bodies: commands, status reports. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
  /** A plug upload (raw .wasm). The plug runtime may enforce a smaller module limit. */
  public static final int DEFAULT_MAX_UPLOAD_BYTES = 8 << 20;
  /** A WebSocket message other than a plug upload. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
  /** Per token: a shard forwards many users, so the default is generous. */
  public static final double DEFAULT_TOKEN_RATE = 200;
  public static final double DEFAULT_TOKEN_BURST = 400;
  /** Per channel: a human conversation never needs more. */
  public static final double DEFAULT_CHANNEL_RATE = 20;
  public static final double DEFAULT_CHANNEL_BURST = 40;
  /** Per client address, for calls without a token (trading a bind code): guessing stays slow. */
  public static final double DEFAULT_ANONYMOUS_RATE = 1;
  public static final double DEFAULT_ANONYMOUS_BURST = 10;
  public static final int DEFAULT_MAX_LONG_POLL_SECONDS = 60;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
  /** A client that starts a request must finish sending it within this time (slow clients). */
  public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_IN_FLIGHT_PER_SOCKET = 64;
  public static final int DEFAULT_WORKER_QUEUE = 10_000;
  public static final Duration DEFAULT_IDEMPOTENCY_TTL = Duration.ofMinutes(10);
  public static final int DEFAULT_IDEMPOTENCY_MAX_ENTRIES = 100_000;
  public static final Duration DEFAULT_SHUTDOWN_DRAIN = Duration.ofSeconds(10);
  /**
   * Whether a state-changing request (a command, a plug change) is answered only once its events are
   * committed to disk, so an answered command is never lost to a crash of the process. Off by
   * default: the wait holds no thread, but under load it costs about a fifth of the command
   * throughput and 11 µs of CPU per answer (docs/benchmarks.md), while without it a process crash
   * can lose only the feed events of the last commit window (saved rolls, decks, plugs and
   * tokens are committed before their answer either way). {@code serve --answer-after-commit} or the
   * system property {@value #REPLY_AFTER_COMMIT_PROPERTY} turns it on.
   */
  public static final boolean DEFAULT_REPLY_AFTER_COMMIT =
      Boolean.parseBoolean(System.getProperty(ServerConfig.REPLY_AFTER_COMMIT_PROPERTY, "false"));
  public static final String REPLY_AFTER_COMMIT_PROPERTY = "sidekick.replyAfterCommit";
  /**
   * Whether an event loop answers a command itself when it needs nothing that blocks (a roll or chat
   * in a channel without plugs), instead of handing it to a worker. Off by default: on two shared
   * cores under 50 connections the hand-over cut `/r`'s p99 from about 5 ms to about 3 ms at the same
   * throughput, because an event loop busy with one command holds up every other connection it
   * serves (docs/benchmarks.md). {@code serve --commands-on-event-loop} turns it on.
   */
  public static final boolean DEFAULT_COMMANDS_ON_EVENT_LOOP = false;

  public ServerConfig {
    Objects.requireNonNull(bindHost, "bindHost");
    Objects.requireNonNull(transport, "transport");
    corsOrigins = List.copyOf(corsOrigins);
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("TLS needs both a certificate and a key");
    }
    if (maxBodyBytes <= 0 || maxUploadBytes <= 0 || maxFrameBytes <= 0) {
      throw new IllegalArgumentException("size limits must be positive");
    }
    if (maxLongPollSeconds >= idleTimeout.toSeconds()) {
      // a parked poll sends nothing: the idle timeout would cut it before it could answer
      throw new IllegalArgumentException("the long-poll wait (" + maxLongPollSeconds
          + " s) must be shorter than the idle timeout (" + idleTimeout.toSeconds() + " s)");
    }
    if (maxLongPollSeconds < 0 || maxInFlightPerSocket <= 0 || workerThreads <= 0 || ioThreads <= 0) {
      throw new IllegalArgumentException("bad limit");
    }
  }

  public static ServerConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean tls() {
    return tlsCert != null;
  }

  /** The largest WebSocket message accepted at all: a plug upload in base64 inside JSON. */
  public int maxUploadFrameBytes() {
    long base64 = ((long) maxUploadBytes + 2) / 3 * 4;
    return (int) Math.min(Integer.MAX_VALUE - 1024, Math.max(maxFrameBytes, base64 + 4096));
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.bindHost = bindHost;
    b.port = port;
    b.tlsCert = tlsCert;
    b.tlsKey = tlsKey;
    b.corsOrigins = corsOrigins;
    b.maxBodyBytes = maxBodyBytes;
    b.maxUploadBytes = maxUploadBytes;
    b.maxFrameBytes = maxFrameBytes;
    b.tokenRatePerSecond = tokenRatePerSecond;
    b.tokenBurst = tokenBurst;
    b.channelRatePerSecond = channelRatePerSecond;
    b.channelBurst = channelBurst;
    b.anonymousRatePerSecond = anonymousRatePerSecond;
    b.anonymousBurst = anonymousBurst;
    b.maxLongPollSeconds = maxLongPollSeconds;
    b.idleTimeout = idleTimeout;
    b.requestReadTimeout = requestReadTimeout;
    b.maxInFlightPerSocket = maxInFlightPerSocket;
    b.ioThreads = ioThreads;
    b.workerThreads = workerThreads;
    b.workerQueue = workerQueue;
    b.idempotencyTtl = idempotencyTtl;
    b.idempotencyMaxEntries = idempotencyMaxEntries;
    b.shutdownDrain = shutdownDrain;
    b.replyAfterCommit = replyAfterCommit;
    b.commandsOnEventLoop = commandsOnEventLoop;
    b.transport = transport;
    return b;
  }

  /** Fluent builder starting from the defaults. */
  public static final class Builder {
    private String bindHost = DEFAULT_BIND;
    private int port = DEFAULT_PORT;
    private Path tlsCert;
    private Path tlsKey;
    private List<String> corsOrigins = List.of();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
    private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
    private double tokenRatePerSecond = DEFAULT_TOKEN_RATE;
    private double tokenBurst = DEFAULT_TOKEN_BURST;
    private double channelRatePerSecond = DEFAULT_CHANNEL_RATE;
    private double channelBurst = DEFAULT_CHANNEL_BURST;
    private double anonymousRatePerSecond = DEFAULT_ANONYMOUS_RATE;
    private double anonymousBurst = DEFAULT_ANONYMOUS_BURST;
    private int maxLongPollSeconds = DEFAULT_MAX_LONG_POLL_SECONDS;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration requestReadTimeout = DEFAULT_REQUEST_READ_TIMEOUT;
    private int maxInFlightPerSocket = DEFAULT_MAX_IN_FLIGHT_PER_SOCKET;
    private int ioThreads = Runtime.getRuntime().availableProcessors();
    private int workerThreads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    private int workerQueue = DEFAULT_WORKER_QUEUE;
    private Duration idempotencyTtl = DEFAULT_IDEMPOTENCY_TTL;
    private int idempotencyMaxEntries = DEFAULT_IDEMPOTENCY_MAX_ENTRIES;
    private Duration shutdownDrain = DEFAULT_SHUTDOWN_DRAIN;
    private boolean replyAfterCommit = DEFAULT_REPLY_AFTER_COMMIT;
    private boolean commandsOnEventLoop = DEFAULT_COMMANDS_ON_EVENT_LOOP;
    private Transport transport;

    public Builder bind(String host, int port) {
      this.bindHost = host;
      this.port = port;
      return this;
    }

    public Builder tls(Path cert, Path key) {
      this.tlsCert = cert;
      this.tlsKey = key;
      return this;
    }

    public Builder corsOrigins(List<String> origins) {
      this.corsOrigins = origins;
      return this;
    }

    public Builder maxBodyBytes(int v) {
      this.maxBodyBytes = v;
      return this;
    }

    public Builder maxUploadBytes(int v) {
      this.maxUploadBytes = v;
      return this;
    }

    public Builder maxFrameBytes(int v) {
      this.maxFrameBytes = v;
      return this;
    }

    public Builder tokenRate(double perSecond, double burst) {
      this.tokenRatePerSecond = perSecond;
      this.tokenBurst = burst;
      return this;
    }

    public Builder channelRate(double perSecond, double burst) {
      this.channelRatePerSecond = perSecond;
      this.channelBurst = burst;
      return this;
    }

    public Builder anonymousRate(double perSecond, double burst) {
      this.anonymousRatePerSecond = perSecond;
      this.anonymousBurst = burst;
      return this;
    }

    public Builder maxLongPollSeconds(int v) {
      this.maxLongPollSeconds = v;
      return this;
    }

    public Builder idleTimeout(Duration v) {
      this.idleTimeout = v;
      return this;
    }

    public Builder requestReadTimeout(Duration v) {
      this.requestReadTimeout = v;
      return this;
    }

    public Builder maxInFlightPerSocket(int v) {
      this.maxInFlightPerSocket = v;
      return this;
    }

    public Builder ioThreads(int v) {
      this.ioThreads = v;
      return this;
    }

    public Builder workerThreads(int v) {
      this.workerThreads = v;
      return this;
    }

    public Builder workerQueue(int v) {
      this.workerQueue = v;
      return this;
    }

    public Builder idempotency(Duration ttl, int maxEntries) {
      this.idempotencyTtl = ttl;
      this.idempotencyMaxEntries = maxEntries;
      return this;
    }

    public Builder shutdownDrain(Duration v) {
      this.shutdownDrain = v;
      return this;
    }

    public Builder replyAfterCommit(boolean v) {
      this.replyAfterCommit = v;
      return this;
    }

    public Builder commandsOnEventLoop(boolean v) {
      this.commandsOnEventLoop = v;
      return this;
    }

    /** The Netty transport; by default {@link Transport#configured()} (epoll where it loads). */
    public Builder transport(Transport v) {
      this.transport = v;
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(
          bindHost, port, tlsCert, tlsKey, corsOrigins, maxBodyBytes, maxUploadBytes,
          maxFrameBytes, tokenRatePerSecond, tokenBurst, channelRatePerSecond, channelBurst,
          anonymousRatePerSecond, anonymousBurst, maxLongPollSeconds, idleTimeout, requestReadTimeout, maxInFlightPerSocket,
          ioThreads, workerThreads, workerQueue, idempotencyTtl, idempotencyMaxEntries, shutdownDrain,
          replyAfterCommit, commandsOnEventLoop, transport == null ? Transport.configured() : transport);
    }
  }
}
