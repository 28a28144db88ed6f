package sidekick.http.testing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
import sidekick.core.RollResult;
import sidekick.core.ShardStatus;
import sidekick.core.StatsResult;
import sidekick.core.StoreStats;
import sidekick.core.Subscription;
import sidekick.core.TokenInfo;
import sidekick.core.TokenKind;
import sidekick.core.TokenSpec;

/**
 * An in-memory {@link Core} with the facade's rights rules, for testing the transport in isolation
 * (failure injection, slow commands, counting executions). The real core is tested end to end in
 * the integration tests that open it on a temporary directory.
 */
public final class FakeCore implements Core {
  public static final String ADMIN = "admin-secret";
  public static final String SHARD = "shard-secret";
  public static final String APP = "app-secret";

  private final Map<String, TokenInfo> tokens = new ConcurrentHashMap<>();
  private final Map<String, List<Event>> events = new ConcurrentHashMap<>();
  private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
  private final List<RevocationListener> revocationListeners = new CopyOnWriteArrayList<>();
  private final Map<String, Map<String, PlugInfo>> plugs = new ConcurrentHashMap<>();
  private final List<ShardStatus> shards = new CopyOnWriteArrayList<>();
  /** Commands that reached the core (before any gate). */
  public final AtomicInteger arrivals = new AtomicInteger();
  /** Commands actually executed, to prove idempotency. */
  public final AtomicInteger executions = new AtomicInteger();
  /** When set, every command waits for it first (slow core). */
  public volatile CountDownLatch gate;
  public volatile long commandDelayMillis;
  /**
   * When set, tokens are known in memory and every command starts without blocking, as in a channel
   * with plugs: it runs (gate included) on this executor, a stand-in for the plug workers.
   */
  public volatile java.util.concurrent.Executor plugWorkers;
  /** What the server last asked of {@link #handleCommandWithoutBlocking}: may it answer on its own thread? */
  public volatile Boolean answerOnCallerAsked;
  /** When set, every full token check (a worker's) waits for it first (slow database). */
  public volatile CountDownLatch authGate;
  /** Commands that took the blocking entry ({@link #handleCommand}) from the server. */
  public final AtomicInteger blockingCalls = new AtomicInteger();

  public FakeCore() {
    addToken(ADMIN, "t-admin", TokenKind.ADMIN, null, null, true);
    addToken(SHARD, "t-shard", TokenKind.SHARD, null, null, false);
    addToken(APP, "t-app", TokenKind.APP, "u1", "c1", false);
  }

  public void addToken(String secret, String id, TokenKind kind, String user, String channel, boolean plugs) {
    tokens.put(secret, new TokenInfo(id, kind, user, channel, plugs, id, Instant.now(), null));
  }

  /** Revokes by secret and tells the listeners, as the real core does. */
  public void revoke(String secret) {
    TokenInfo t = tokens.get(secret);
    TokenInfo revoked = new TokenInfo(t.id(), t.kind(), t.user(), t.channel(), t.canManagePlugs(),
        t.label(), t.createdAt(), Instant.now());
    tokens.put(secret, revoked);
    revocationListeners.forEach(l -> l.onRevoked(revoked));
  }

  @Override
  public Path dataDir() {
    return Path.of(".");
  }

  @Override
  public CoreConfig config() {
    return CoreConfig.defaults();
  }

  @Override
  public Path adminTokenFile() {
    return Path.of("admin.token");
  }

  @Override
  public boolean adminTokenCreated() {
    return false;
  }

  @Override
  public Optional<Principal> authenticate(String token) {
    CountDownLatch g = authGate;
    if (g != null) {
      try {
        g.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return lookUp(token);
  }

  private Optional<Principal> lookUp(String token) {
    TokenInfo t = tokens.get(token);
    if (t == null || t.revoked()) return Optional.empty();
    return Optional.of(new Principal(t.kind(), t.id(), t.user(), t.channel(), t.canManagePlugs()));
  }

  @Override
  public IssuedToken createToken(Principal caller, TokenSpec spec) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void revokeToken(Principal caller, String tokenId) {
    admin(caller);
    tokens.entrySet().stream().filter(e -> e.getValue().id().equals(tokenId)).findFirst()
        .ifPresentOrElse(e -> revoke(e.getKey()), () -> { throw CoreException.notFound("no token"); });
  }

  @Override
  public List<TokenInfo> listTokens(Principal caller) {
    admin(caller);
    return new ArrayList<>(tokens.values());
  }

  @Override
  public AutoCloseable onRevocation(RevocationListener listener) {
    revocationListeners.add(listener);
    return () -> revocationListeners.remove(listener);
  }

  @Override
  public AppBinding bindApp(String code) {
    if (!"ABCD-1234".equals(code)) throw CoreException.notFound("unknown or expired code");
    addToken("bound-secret", "t-bound", TokenKind.APP, "u9", "c9", false);
    return new AppBinding("bound-secret", "t-bound", "c9", "u9");
  }

  @Override
  public Principal authenticateInMemory(String token) {
    return plugWorkers == null ? null : lookUp(token).orElse(null);
  }

  @Override
  public java.util.concurrent.CompletableFuture<CommandReply> handleCommandWithoutBlocking(Principal caller,
      CommandRequest r, boolean answerOnCaller) {
    answerOnCallerAsked = answerOnCaller;
    java.util.concurrent.Executor workers = plugWorkers;
    if (workers == null) return null;
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> run(caller, r), workers);
  }

  @Override
  public CommandReply handleCommand(Principal caller, CommandRequest r) {
    blockingCalls.incrementAndGet();
    return run(caller, r);
  }

  private CommandReply run(Principal caller, CommandRequest r) {
    if (r.channel() == null || r.text() == null) throw CoreException.badRequest("channel and text are needed");
    channelRight(caller, r.channel());
    if (caller.kind() == TokenKind.APP && !caller.user().equals(r.user())) {
      throw CoreException.forbidden("an app token acts only for its user");
    }
    arrivals.incrementAndGet();
    try {
      CountDownLatch g = gate;
      if (g != null) g.await(10, TimeUnit.SECONDS);
      if (commandDelayMillis > 0) Thread.sleep(commandDelayMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executions.incrementAndGet();
    if (!r.text().startsWith("/r ")) return CommandReply.none(3);
    String expr = r.text().substring(3);
    if (expr.startsWith("!")) throw CoreException.badExpression("bad expression", 0);
    long total = executions.get();
    String text = expr + " = `" + total + "`";
    append(r.channel(), "roll", "\"user\":\"" + r.user() + "\",\"expr\":\"" + expr + "\",\"total\":" + total);
    return new CommandReply("**" + r.userName() + "** " + text, List.of(new RollResult(expr, total, text)), 42, false);
  }

  @Override
  public StatsResult stats(Principal caller, String expr) {
    if (expr.contains("!")) throw CoreException.badExpression("unexpected '!'", expr.indexOf('!'));
    return new StatsResult(expr, 1, 6, 3.5, 1.7, true, List.of(),
        "{\"expr\":\"" + expr + "\",\"min\":1,\"max\":6,\"mean\":3.5,\"exact\":true,\"pmf\":[]}");
  }

  @Override
  public PlugUpload putPlug(Principal caller, String channel, String name, String user, byte[] wasm) {
    channelRight(caller, channel);
    if (caller.kind() == TokenKind.APP && !caller.canManagePlugs()) throw CoreException.forbidden("no plug right");
    if (wasm.length < 8 || wasm[0] != 0 || wasm[1] != 'a') throw CoreException.badRequest("not a WebAssembly module");
    PlugInfo info = new PlugInfo(name, "ab".repeat(32), wasm.length, user, Instant.now(), 0, 0, 0, 0, 0, 0);
    boolean replaced = plugs.computeIfAbsent(channel, k -> new ConcurrentHashMap<>()).put(name, info) != null;
    append(channel, "plug_added", "\"name\":\"" + name + "\",\"len\":" + wasm.length);
    return new PlugUpload(name, info.hash(), wasm.length, 5, replaced);
  }

  @Override
  public List<PlugInfo> listPlugs(Principal caller, String channel) {
    channelRight(caller, channel);
    return new ArrayList<>(plugs.getOrDefault(channel, Map.of()).values());
  }

  @Override
  public void removePlug(Principal caller, String channel, String name, String user) {
    channelRight(caller, channel);
    if (plugs.getOrDefault(channel, Map.of()).remove(name) == null) throw CoreException.notFound("no plug " + name);
    append(channel, "plug_removed", "\"name\":\"" + name + "\"");
  }

  @Override
  public Event appendEvent(Principal caller, String channel, String type, Map<String, ?> fields) {
    admin(caller);
    return append(channel, type, "\"note\":\"" + String.valueOf(fields.get("note")) + "\"");
  }

  /** Appends an event and tells the listeners on this thread, as the real core does. */
  public synchronized Event append(String channel, String type, String fieldsJson) {
    List<Event> log = events.computeIfAbsent(channel, k -> new CopyOnWriteArrayList<>());
    long seq = log.size() + 1;
    Instant at = Instant.now();
    String json = "{\"seq\":" + seq + ",\"type\":\"" + type + "\",\"at\":\"" + at + "\",\"channel\":\""
        + channel + "\"" + (fieldsJson.isEmpty() ? "" : "," + fieldsJson) + "}";
    Event e = new Event(channel, seq, type, at, json);
    log.add(e);
    for (Listener l : listeners.getOrDefault(channel, List.of())) l.listener.onEvent(e);
    return e;
  }

  @Override
  public EventPage readEvents(Principal caller, String channel, long afterSeq, int limit) {
    channelRight(caller, channel);
    List<Event> all = events.getOrDefault(channel, List.of());
    List<Event> page = new ArrayList<>();
    for (Event e : all) if (e.seq() > afterSeq && page.size() < limit) page.add(e);
    long next = page.isEmpty() ? afterSeq : page.get(page.size() - 1).seq();
    return new EventPage(page, next, all.size() > next && !page.isEmpty() && page.size() == limit);
  }

  @Override
  public synchronized Subscription subscribe(Principal caller, String channel, long afterSeq, EventListener listener) {
    EventPage backlog = readEvents(caller, channel, afterSeq, 1000);
    Listener l = new Listener(listener);
    listeners.computeIfAbsent(channel, k -> new CopyOnWriteArrayList<>()).add(l);
    return new Subscription() {
      @Override
      public EventPage backlog() {
        return backlog;
      }

      @Override
      public void close() {
        listeners.getOrDefault(channel, new ArrayList<>()).remove(l);
      }
    };
  }

  /** Live listeners of a channel (to prove long polls and feeds unsubscribe). */
  public int listenerCount(String channel) {
    return listeners.getOrDefault(channel, List.of()).size();
  }

  @Override
  public StoreStats storeStats(Principal caller) {
    admin(caller);
    return new StoreStats(2, 3, 1000, 400);
  }

  @Override
  public void reportShardStatus(Principal caller, ShardStatus status) {
    if (caller.kind() == TokenKind.APP) throw CoreException.forbidden("shard or admin token needed");
    shards.add(new ShardStatus(status.shard(), status.shardsTotal(), status.state(), status.guilds(),
        status.latencyMillis(), status.queue(), Instant.now()));
    append(SYSTEM_CHANNEL, "shard_status", "\"shard\":" + status.shard() + ",\"state\":\"" + status.state() + "\"");
  }

  @Override
  public List<ShardStatus> shards(Principal caller) {
    admin(caller);
    return List.copyOf(shards);
  }

  private final AtomicLong metricReads = new AtomicLong();

  @Override
  public List<MetricSample> metrics() {
    return List.of(
        new MetricSample("sidekick_commands_total", "Commands handled.", MetricSample.Type.COUNTER,
            Map.of(), executions.get()),
        new MetricSample("sidekick_plug_calls_total", "Plug calls.", MetricSample.Type.COUNTER,
            Map.of("channel", "c1", "plug", "dice"), 7),
        new MetricSample("sidekick_shards_connected", "Shards reporting CONNECTED.", MetricSample.Type.GAUGE,
            Map.of(), shards.size() + 0 * metricReads.incrementAndGet()));
  }

  @Override
  public void close() {}

  private static void admin(Principal caller) {
    if (!caller.isAdmin()) throw CoreException.forbidden("admin token needed");
  }

  private static void channelRight(Principal caller, String channel) {
    if (caller.kind() == TokenKind.APP && !channel.equals(caller.channel())) {
      throw CoreException.forbidden("this app token is bound to another channel");
    }
  }

  private record Listener(EventListener listener) {}
}
