package sidekick.core.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.AppBinding;
import sidekick.core.CommandReply;
import sidekick.core.CommandRequest;
import sidekick.core.Core;
import sidekick.core.CoreConfig;
import sidekick.core.CoreException;
import sidekick.core.Event;
import sidekick.core.EventListener;
import sidekick.core.EventPage;
import sidekick.core.IssuedToken;
import sidekick.core.MetricSample;
import sidekick.core.PlugInfo;
import sidekick.core.PlugUpload;
import sidekick.core.Principal;
import sidekick.core.RevocationListener;
import sidekick.core.ShardStatus;
import sidekick.core.StatsResult;
import sidekick.core.StoreStats;
import sidekick.core.Subscription;
import sidekick.core.TokenInfo;
import sidekick.core.TokenKind;
import sidekick.core.TokenSpec;
import sidekick.core.auth.AdminTokenFile;
import sidekick.core.auth.BindCodes;
import sidekick.core.auth.TokenService;
import sidekick.core.cards.DeckStore;
import sidekick.core.channel.ChannelSettings;
import sidekick.core.command.ChannelActions;
import sidekick.core.command.CommandProcessor;
import sidekick.core.db.Database;
import sidekick.core.db.DatabaseException;
import sidekick.core.db.Schema;
import sidekick.core.events.EventLog;
import sidekick.core.plug.ChainFallback;
import sidekick.core.plug.CorePlugHost;
import sidekick.core.plug.PlugService;
import sidekick.core.saved.SavedRollResolver;
import sidekick.core.saved.SavedRollStore;
import sidekick.core.stats.OddsReport;
import sidekick.core.util.Futures;
import sidekick.core.util.Randomness;
import sidekick.dice.Dice;
import sidekick.dice.DiceException;
import sidekick.plugs.PlugHost;
import sidekick.plugs.PlugRuntime;
import sidekick.store.StoreException;
import sidekick.store.WasmStore;

/**
 * The {@link Core} facade: checks the caller's rights, then hands the work to the part that does it.
 * Storage failures become a 500 with a generic message; their details go to the log.
 */
public final class SidekickCore implements Core, ChannelActions {
  private static final Logger log = LoggerFactory.getLogger(SidekickCore.class);
  public static final String DB_FILE = "sidekick.db";
  public static final String PLUG_CACHE_DIR = "plug-cache";
  /** How often the WAL of sidekick.db is checkpointed, off the event writer's commits. */
  static final java.time.Duration CHECKPOINT_INTERVAL = java.time.Duration.ofMillis(500);
  /**
   * How long closing waits for commands whose plugs are still running: longer than a chain of the
   * most plugs a channel may hold, each at its call limit, and its hooks.
   */
  static final java.time.Duration COMMAND_DRAIN_TIMEOUT = java.time.Duration.ofSeconds(5);

  private final Path dataDir;
  private final CoreConfig config;
  private final Clock clock;
  private final DataDirLock lock;
  private final Database db;
  private final TokenService tokens;
  private final BindCodes bindCodes;
  private final boolean adminTokenCreated;
  private final EventLog events;
  private final WasmStore store;
  private final PlugRuntime runtime;
  private final PlugService plugs;
  /** Finishes commands whose chain ended off a plug worker (a stuck plug abandoned): never the common pool. */
  private final ChainFallback fallback;
  private final Dice dice;
  private final CommandProcessor processor;
  private final ShardRegistry shards = new ShardRegistry();
  private final Counters counters = new Counters();
  private final List<RevocationListener> revocationListeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService watcher;
  private volatile boolean closed;
  /** Calls hold it shared; close takes it exclusively, so in-flight calls finish first. */
  private final ReentrantReadWriteLock inFlight = new ReentrantReadWriteLock();
  /** Commands started without blocking and not answered yet (their plugs run on plug workers). */
  private final AtomicInteger commandsInFlight = new AtomicInteger();

  private SidekickCore(Path dataDir, CoreConfig config, Clock clock, UnaryOperator<PlugHost> hosts,
      List<AutoCloseable> opened) {
    this.dataDir = dataDir;
    this.config = config;
    this.clock = clock;
    this.lock = add(opened, DataDirLock.acquire(dataDir));
    this.db = add(opened, Database.open(dataDir.resolve(DB_FILE), Schema.MIGRATIONS));
    db.checkpointInBackground(CHECKPOINT_INTERVAL);
    this.tokens = new TokenService(db, clock);
    tokens.onRevokedElsewhere(this::revokedElsewhere);
    this.bindCodes = new BindCodes(db, clock);
    this.adminTokenCreated = AdminTokenFile.ensure(dataDir, tokens);
    this.events = add(opened, new EventLog(db, clock, config.eventPageLimit(),
        config.eventRetentionPerChannel(), config.eventMemoryPerChannel(), config.maxFeedsInMemory(),
        config.eventCommitWindow()));
    SavedRollStore saved = new SavedRollStore(db, clock);
    Randomness random = Randomness.of(config.randomSeed());
    this.dice = new Dice(config.diceLimits());
    this.store = add(opened, WasmStore.open(dataDir, config.storeConfig()));
    this.runtime = add(opened, PlugRuntime.create(config.plugLimits(),
        hosts.apply(new CorePlugHost(dice, new SavedRollResolver(saved), random)), dataDir.resolve(PLUG_CACHE_DIR)));
    this.plugs = new PlugService(runtime, store, config.maxPlugNameChars());
    this.fallback = add(opened, new ChainFallback(config.chainFallbackThreads(), config.chainFallbackQueue(),
        COMMAND_DRAIN_TIMEOUT));
    this.processor = new CommandProcessor(config, dice, saved, new DeckStore(db, clock),
        new ChannelSettings(db, config.inlineRollsByDefault()), plugs, events, random, this, fallback);
    this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sidekick-token-watcher");
      t.setDaemon(true);
      return t;
    });
    announceRevocations();
    long every = Math.max(10, config.tokenPollInterval().toMillis());
    watcher.scheduleWithFixedDelay(this::watchTokens, every, every, TimeUnit.MILLISECONDS);
  }

  private static <T extends AutoCloseable> T add(List<AutoCloseable> opened, T resource) {
    opened.add(resource);
    return resource;
  }

  public static Core open(Path dataDir, CoreConfig config) {
    return open(dataDir, config, Clock.systemUTC());
  }

  /** Opens with a given clock (tests of expiry). */
  public static Core open(Path dataDir, CoreConfig config, Clock clock) {
    return open(dataDir, config, clock, UnaryOperator.identity());
  }

  /** Opens with the plugs' host functions wrapped (tests of a plug stuck in a host call). */
  static Core open(Path dataDir, CoreConfig config, Clock clock, UnaryOperator<PlugHost> hosts) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw CoreException.internal("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
    }
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      return new SidekickCore(dataDir, config, clock, hosts, opened);
    } catch (RuntimeException e) {
      for (int i = opened.size() - 1; i >= 0; i--) {
        try {
          opened.get(i).close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof CoreException) throw e;
      throw CoreException.internal("cannot open the core in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  // ---- guards -----------------------------------------------------------------------------------

  /** Runs a call, turning storage failures into a 500 whose details only the log sees. */
  private <T> T guard(Supplier<T> call) {
    inFlight.readLock().lock();
    try {
      if (closed) throw CoreException.internal("the core is shutting down", null);
      return call.get();
    } catch (RuntimeException e) {
      throw toCoreException(e);
    } finally {
      inFlight.readLock().unlock();
    }
  }

  /** What a caller is told of a failure: the request's own fault as it is, anything else a 500. */
  private CoreException toCoreException(RuntimeException e) {
    if (e instanceof CoreException c) {
      if (c.status() == CoreException.Status.FORBIDDEN) counters.forbidden.increment();
      return c;
    }
    if (e instanceof DatabaseException || e instanceof StoreException) {
      log.error("storage failure", e);
      return CoreException.internal("storage failure; the operator log has details", e);
    }
    log.error("unexpected failure", e);
    return CoreException.internal("internal error; the operator log has details", e);
  }

  private static Principal require(Principal caller) {
    if (caller == null) throw new CoreException(CoreException.Status.UNAUTHORIZED, "a valid token is needed");
    return caller;
  }

  private static void requireAdmin(Principal caller) {
    if (!require(caller).isAdmin()) throw CoreException.forbidden("this needs an admin token");
  }

  /** Channel names: present, bounded; those starting with '_' are the core's own feeds. */
  private String checkChannel(String channel) {
    if (channel == null || channel.isBlank()) throw CoreException.badRequest("a channel is needed");
    if (channel.length() > config.maxChannelChars()) {
      throw CoreException.badRequest("channel names are at most " + config.maxChannelChars() + " characters");
    }
    return channel;
  }

  private void checkUserChannel(String channel) {
    checkChannel(channel);
    if (channel.startsWith("_")) throw CoreException.badRequest("channel names starting with '_' are reserved");
  }

  /** May the caller see this channel's feed and plugs? */
  private void requireChannelAccess(Principal caller, String channel) {
    require(caller);
    checkChannel(channel);
    if (channel.equals(SYSTEM_CHANNEL) && !caller.isAdmin()) {
      throw CoreException.forbidden("the system feed is for admins");
    }
    if (caller.kind() == TokenKind.APP && !channel.equals(caller.channel())) {
      throw CoreException.forbidden("this app token is bound to another channel");
    }
  }

  private void requirePlugRight(Principal caller, String channel) {
    requireChannelAccess(caller, channel);
    checkUserChannel(channel);
    if (caller.kind() == TokenKind.APP && !caller.canManagePlugs()) {
      throw CoreException.forbidden("this app token may not manage plugs");
    }
  }

  // ---- identity ---------------------------------------------------------------------------------

  @Override
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public CoreConfig config() {
    return config;
  }

  @Override
  public Path adminTokenFile() {
    return dataDir.resolve(AdminTokenFile.FILE_NAME);
  }

  @Override
  public boolean adminTokenCreated() {
    return adminTokenCreated;
  }

  // ---- tokens -----------------------------------------------------------------------------------

  @Override
  public Optional<Principal> authenticate(String token) {
    Optional<Principal> p = guard(() -> tokens.authenticate(token));
    (p.isPresent() ? counters.authOk : counters.authRejected).increment();
    return p;
  }

  @Override
  public Principal authenticateInMemory(String token) {
    Principal p = tokens.inMemory(token);
    if (p != null) counters.authOk.increment();
    return p;
  }

  @Override
  public IssuedToken createToken(Principal caller, TokenSpec spec) {
    requireAdmin(caller);
    if (spec == null || spec.kind() == null) throw CoreException.badRequest("a token kind is needed");
    if (spec.kind() == TokenKind.APP) {
      checkUserChannel(spec.channel());
      checkUser(spec.user());
    }
    return guard(() -> tokens.create(spec));
  }

  @Override
  public void revokeToken(Principal caller, String tokenId) {
    requireAdmin(caller);
    if (tokenId == null || tokenId.isBlank()) throw CoreException.badRequest("a token id is needed");
    guard(() -> {
      tokens.revoke(tokenId, true).ifPresent(this::announce);
      return null;
    });
  }

  @Override
  public List<TokenInfo> listTokens(Principal caller) {
    requireAdmin(caller);
    return guard(tokens::list);
  }

  @Override
  public AutoCloseable onRevocation(RevocationListener listener) {
    revocationListeners.add(listener);
    return () -> revocationListeners.remove(listener);
  }

  @Override
  public AppBinding bindApp(String code) {
    return guard(() -> {
      BindCodes.Grant g = bindCodes.redeem(code)
          .orElseThrow(() -> CoreException.notFound("unknown or expired code"));
      IssuedToken t = tokens.create(TokenSpec.app(g.user(), g.channel(), g.canManagePlugs(), "bound app"));
      counters.appsBound.increment();
      return new AppBinding(t.token(), t.info().id(), g.channel(), g.user());
    });
  }

  /** The revoked event, then the listeners (the server closes sessions). */
  private void announce(TokenInfo t) {
    try {
      appendRevoked(t);
    } catch (RuntimeException e) {
      log.error("could not log the revocation of token {}", t.id(), e);
    }
    tell(t);
  }

  /** {@code revoked} goes to the app's channel, or to the system feed for other tokens. */
  private void appendRevoked(TokenInfo t) {
    counters.revocations.increment();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("tokenId", t.id());
    f.put("kind", t.kind().wireName());
    f.put("user", t.user());
    events.append(t.kind() == TokenKind.APP && t.channel() != null ? t.channel() : SYSTEM_CHANNEL, "revoked", f);
  }

  private void tell(TokenInfo t) {
    for (RevocationListener l : revocationListeners) {
      try {
        l.onRevoked(t);
      } catch (RuntimeException e) {
        log.warn("revocation listener failed: {}", e.toString());
      }
    }
  }

  /** Picks up token changes made by another process (the CLI) on the same data directory. */
  private void watchTokens() {
    try {
      if (tokens.checkForChanges()) announceRevocations();
    } catch (RuntimeException e) {
      if (!closed) log.warn("token watch failed: {}", e.toString());
    }
  }

  /** A token revoked by another process: its sessions close, and the feed says so (once). */
  private void revokedElsewhere(TokenInfo t) {
    log.info("token {} ({}) was revoked elsewhere; closing its sessions", t.id(), t.kind().wireName());
    try {
      if (tokens.claimAnnouncement(t.id())) appendRevoked(t);
    } catch (RuntimeException e) {
      log.error("could not log the revocation of token {}", t.id(), e);
    }
    tell(t);
  }

  /** Appends the revoked events of revocations made elsewhere (once, whoever gets there first). */
  private void announceRevocations() {
    for (TokenInfo t : tokens.unannounced()) {
      if (tokens.claimAnnouncement(t.id())) appendRevoked(t);
    }
  }

  // ---- commands ---------------------------------------------------------------------------------

  private void checkUser(String user) {
    if (user == null || user.isBlank()) throw CoreException.badRequest("a user is needed");
    if (user.length() > config.maxUserChars()) {
      throw CoreException.badRequest("user ids are at most " + config.maxUserChars() + " characters");
    }
  }

  @Override
  public CommandReply handleCommand(Principal caller, CommandRequest request) {
    CommandProcessor.Sender sender = sender(caller, request);
    return guard(() -> {
      if (caller.kind() == TokenKind.SHARD && !sender.canManage()) {
        dropLostRights(sender.request().channel(), sender.request().user());
      }
      return counted(sender, processor::handle);
    });
  }

  @Override
  public CommandReply handleCommandIfQuick(Principal caller, CommandRequest request) {
    CommandProcessor.Sender sender = sender(caller, request);
    if (losesRights(caller, sender)) return null;
    return guard(() -> counted(sender, processor::handleIfQuick));
  }

  @Override
  public CompletableFuture<CommandReply> handleCommandWithoutBlocking(Principal caller, CommandRequest request,
      boolean answerOnCaller) {
    // no plug takes it: left to the caller's worker before any work, the checks included, which
    // handleCommand does there
    if (!answerOnCaller && (request.channel() == null || plugs.loadedCount(request.channel()) <= 0)) return null;
    CommandProcessor.Sender sender = sender(caller, request);
    if (losesRights(caller, sender)) return null;
    return guard(() -> {
      long start = System.nanoTime();
      commandsInFlight.incrementAndGet(); // before the chain starts: close waits for its end
      CompletableFuture<CommandReply> pending;
      try {
        pending = processor.handleWithoutBlocking(sender);
      } catch (RuntimeException e) {
        commandsInFlight.decrementAndGet();
        return CompletableFuture.completedFuture(countedFailure(e, start));
      }
      if (pending == null) {
        commandsInFlight.decrementAndGet();
        return null;
      }
      return pending.handle((reply, error) -> {
        try {
          return error == null ? count(reply) : countedFailure(unwrap(error), start);
        } catch (RuntimeException e) {
          throw toCoreException(e);
        } finally {
          commandsInFlight.decrementAndGet();
        }
      });
    });
  }

  private static RuntimeException unwrap(Throwable error) {
    Throwable cause = Futures.cause(error);
    if (cause instanceof RuntimeException r) return r;
    if (cause instanceof Error e) throw e;
    return new IllegalStateException(cause);
  }

  /** A shard says the user may not manage the channel, yet apps they bound may: those are revoked first (a write). */
  private boolean losesRights(Principal caller, CommandProcessor.Sender sender) {
    return caller.kind() == TokenKind.SHARD && !sender.canManage()
        && !tokens.managingApps(sender.request().channel(), sender.request().user()).isEmpty();
  }

  @Override
  public void whenEventsCommitted(Runnable action) {
    events.whenCommitted(action);
  }

  /** Checks a command and its caller's rights; the sender the processor works for. */
  private CommandProcessor.Sender sender(Principal caller, CommandRequest request) {
    require(caller);
    if (request == null) throw CoreException.badRequest("a command is needed");
    checkUserChannel(request.channel());
    requireChannelAccess(caller, request.channel());
    if (request.text() == null) throw CoreException.badRequest("the command has no text");
    if (request.text().length() > config.maxCommandChars()) {
      throw CoreException.tooLarge("the command is longer than " + config.maxCommandChars() + " characters");
    }
    CommandRequest req = request;
    if (caller.kind() == TokenKind.APP) {
      if (req.user() != null && !req.user().equals(caller.user())) {
        throw CoreException.forbidden("this app token acts only as its bound user");
      }
      req = new CommandRequest(req.channel(), req.server(), caller.user(), req.userName(), req.text(),
          caller.canManagePlugs(), req.attachment());
    }
    checkUser(req.user());
    boolean canManage = switch (caller.kind()) {
      case ADMIN -> true;
      case SHARD -> req.canManagePlugs();
      case APP -> caller.canManagePlugs();
    };
    return new CommandProcessor.Sender(req, canManage, caller.kind() == TokenKind.APP);
  }

  /** Runs the processor and counts the outcome; null (not quick) counts nothing. */
  private CommandReply counted(CommandProcessor.Sender sender,
      java.util.function.Function<CommandProcessor.Sender, CommandReply> handler) {
    long start = System.nanoTime();
    CommandReply reply;
    try {
      reply = handler.apply(sender);
    } catch (RuntimeException e) {
      return countedFailure(e, start);
    }
    return reply == null ? null : count(reply);
  }

  /**
   * A command that failed: the request's own fault and storage failures are thrown on (counted as
   * commands), anything else becomes a short apology (counted as a failure).
   */
  private CommandReply countedFailure(RuntimeException e, long startNanos) {
    if (e instanceof CoreException || e instanceof DatabaseException || e instanceof StoreException) {
      counters.commands.increment();
      throw e;
    }
    counters.commandFailures.increment();
    return count(CommandProcessor.failure(e, startNanos));
  }

  private CommandReply count(CommandReply reply) {
    counters.commands.increment();
    if (reply.isCommand()) counters.replies.increment();
    counters.rolls.add(reply.rolls().size());
    counters.commandMicros.add(reply.micros());
    return reply;
  }

  /** A shard says this user may no longer manage the channel: apps bound with that right lose it. */
  private void dropLostRights(String channel, String user) {
    for (String id : tokens.managingApps(channel, user)) {
      log.info("user {} lost the plug right in {}: revoking app token {}", user, channel, id);
      tokens.revoke(id, true).ifPresent(this::announce);
    }
  }

  @Override
  public StatsResult stats(Principal caller, String expr) {
    require(caller);
    if (expr == null || expr.isBlank()) throw CoreException.badRequest("an expression is needed");
    try {
      return OddsReport.result(expr, dice.parse(expr).distribution());
    } catch (DiceException e) {
      throw CoreException.badExpression(e.getMessage(), e.hasPosition() ? e.position() : null);
    }
  }

  // ---- plugs ------------------------------------------------------------------------------------

  @Override
  public PlugUpload putPlug(Principal caller, String channel, String name, String user, byte[] wasm) {
    requirePlugRight(caller, channel);
    if (wasm == null || wasm.length == 0) throw CoreException.badRequest("the plug module is empty");
    String by = caller.kind() == TokenKind.APP ? caller.user() : user;
    return guard(() -> installPlug(channel, name, null, by, wasm));
  }

  @Override
  public List<PlugInfo> listPlugs(Principal caller, String channel) {
    requireChannelAccess(caller, channel);
    return guard(() -> plugs.list(channel));
  }

  @Override
  public void removePlug(Principal caller, String channel, String name, String user) {
    requirePlugRight(caller, channel);
    String by = caller.kind() == TokenKind.APP ? caller.user() : user;
    guard(() -> {
      if (!removePlug(channel, name, by)) throw CoreException.notFound("no plug named '" + name + "' in " + channel);
      return null;
    });
  }

  @Override
  public PlugUpload installPlug(String channel, String name, String server, String user, byte[] wasm) {
    PlugUpload up = plugs.put(channel, name, server, user, wasm);
    counters.plugUploads.increment();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", up.name());
    f.put("hash", up.hash());
    f.put("len", up.len());
    f.put("user", user);
    f.put("replaced", up.replaced());
    events.append(channel, "plug_added", f);
    return up;
  }

  @Override
  public boolean removePlug(String channel, String name, String user) {
    if (!plugs.remove(channel, name)) return false;
    counters.plugRemovals.increment();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", name);
    f.put("user", user);
    events.append(channel, "plug_removed", f);
    return true;
  }

  @Override
  public int revokeApps(String channel, String user) {
    int n = 0;
    for (TokenInfo t : tokens.activeAppTokens(channel, user)) {
      Optional<TokenInfo> revoked = tokens.revoke(t.id(), true);
      if (revoked.isPresent()) {
        announce(revoked.get());
        n++;
      }
    }
    return n;
  }

  @Override
  public String issueBindCode(String channel, String user, boolean canManagePlugs) {
    counters.bindCodes.increment();
    return bindCodes.issue(channel, user, canManagePlugs, config.bindCodeTtl());
  }

  // ---- events -----------------------------------------------------------------------------------

  @Override
  public Event appendEvent(Principal caller, String channel, String type, Map<String, ?> fields) {
    requireAdmin(caller);
    checkChannel(channel);
    if (type == null || type.isBlank() || type.length() > 64) throw CoreException.badRequest("a short event type is needed");
    return guard(() -> events.append(channel, type, fields == null ? Map.of() : fields));
  }

  @Override
  public EventPage readEvents(Principal caller, String channel, long afterSeq, int limit) {
    requireChannelAccess(caller, channel);
    return guard(() -> events.read(channel, afterSeq, limit));
  }

  @Override
  public Subscription subscribe(Principal caller, String channel, long afterSeq, EventListener listener) {
    requireChannelAccess(caller, channel);
    if (listener == null) throw CoreException.badRequest("a listener is needed");
    return guard(() -> events.subscribe(channel, afterSeq, listener));
  }

  // ---- store, shards, metrics -------------------------------------------------------------------

  @Override
  public StoreStats storeStats(Principal caller) {
    requireAdmin(caller);
    return guard(() -> {
      sidekick.store.StoreStats s = store.stats();
      return new StoreStats(s.blobs(), s.references(), s.rawBytes(), s.storedBytes());
    });
  }

  @Override
  public void reportShardStatus(Principal caller, ShardStatus status) {
    require(caller);
    if (caller.kind() == TokenKind.APP) throw CoreException.forbidden("only shards report their status");
    if (status == null || status.shard() < 0 || status.shardsTotal() <= status.shard()) {
      throw CoreException.badRequest("shard must be between 0 and shardsTotal - 1");
    }
    if (status.state() == null || status.state().isBlank() || status.state().length() > 40) {
      throw CoreException.badRequest("a short shard state is needed");
    }
    guard(() -> {
      ShardStatus stored = shards.report(status, clock.instant());
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("shard", stored.shard());
      f.put("shardsTotal", stored.shardsTotal());
      f.put("state", stored.state());
      f.put("guilds", stored.guilds());
      f.put("latencyMillis", stored.latencyMillis());
      f.put("queue", stored.queue());
      events.append(SYSTEM_CHANNEL, "shard_status", f);
      return null;
    });
  }

  @Override
  public List<ShardStatus> shards(Principal caller) {
    requireAdmin(caller);
    return shards.all();
  }

  @Override
  public List<MetricSample> metrics() {
    return new MetricsReport(counters, events, tokens, shards, store, runtime).samples();
  }

  // ---- lifecycle --------------------------------------------------------------------------------

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    inFlight.writeLock().lock();
    try {
      awaitCommandsInFlight();
      shutdown();
    } finally {
      inFlight.writeLock().unlock();
    }
  }

  /** Waits (bounded) for commands still running on plug workers: they append events and read state. */
  private void awaitCommandsInFlight() {
    long deadline = System.nanoTime() + COMMAND_DRAIN_TIMEOUT.toNanos();
    while (commandsInFlight.get() > 0 && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (commandsInFlight.get() > 0) log.warn("closing with {} commands still running their plugs", commandsInFlight.get());
  }

  private void shutdown() {
    watcher.shutdownNow();
    try {
      watcher.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(runtime); // refuses queued chains: their commands finish on the fallback
    closeQuietly(fallback);
    closeQuietly(events);
    closeQuietly(store);
    closeQuietly(db);
    closeQuietly(lock);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
    }
  }
}
