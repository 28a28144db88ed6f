package sidekick.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The Sidekick command processor, opened on a data directory. Every operation that acts for a caller
 * takes the caller's {@link Principal} (from {@link #authenticate}) and checks the right itself,
 * throwing {@link CoreException} with a status the server maps to HTTP. Thread-safe; close it once.
 *
 * <p>Rights: admin may do everything. A shard acts for the users whose commands it forwards, on any
 * channel, trusting the {@code canManagePlugs} it sends. An app token acts only as its bound user in its
 * bound channel, with the plug right the user had when binding.
 */
public interface Core extends AutoCloseable {

  /**
   * Opens (creating and migrating as needed) {@code DATA/sidekick.db} and {@code DATA/wasm.db}. At the
   * first start it writes an admin token to {@code DATA/admin.token} (mode 0600); see
   * {@link #adminTokenCreated()}.
   */
  static Core open(Path dataDir, CoreConfig config) {
    return sidekick.core.impl.SidekickCore.open(dataDir, config);
  }

  Path dataDir();

  CoreConfig config();

  /** {@code DATA/admin.token}. */
  Path adminTokenFile();

  /** True when this open wrote a new admin token to {@link #adminTokenFile()} (say so on stdout). */
  boolean adminTokenCreated();

  // ---- tokens -----------------------------------------------------------------------------------

  /** The principal of a bearer token, or empty when it is unknown, malformed or revoked (answer 401). */
  Optional<Principal> authenticate(String token);

  /**
   * The principal of a token this process already knows, without any I/O (fit for a network event
   * loop), or null: then {@link #authenticate} gives the answer (it may look in the database for a
   * token made by another process). Revoked tokens are never returned.
   */
  default Principal authenticateInMemory(String token) {
    return null;
  }

  /** Creates a token (admin only). */
  IssuedToken createToken(Principal caller, TokenSpec spec);

  /** Revokes a token by id (admin only); 404 when unknown. Appends a {@code revoked} event. */
  void revokeToken(Principal caller, String tokenId);

  /** All tokens, revoked ones included, newest first (admin only). */
  List<TokenInfo> listTokens(Principal caller);

  /** Registers a listener told of every revocation; closing the handle removes it. */
  AutoCloseable onRevocation(RevocationListener listener);

  /**
   * Trades a one-time code from {@code /r bind app} for an app token ({@code POST /v1/apps/bind}, no
   * token needed). Unknown, used or expired code: 404.
   */
  AppBinding bindApp(String code);

  // ---- commands ---------------------------------------------------------------------------------

  /**
   * Runs one chat message through the channel's plugs, saved rolls and dice. A text that is no command
   * (and has no inline roll) gives {@link CommandReply#none}; a malformed command gives a helpful reply,
   * not an exception. Exceptions only for the request itself: 400 bad fields, 403 no right.
   */
  CommandReply handleCommand(Principal caller, CommandRequest request);

  /**
   * As {@link #handleCommand}, with the same checks, but only when the answer needs nothing that can
   * block (no plug in the channel, no saved roll, no state to load or write but the event log): pure
   * CPU work, fit for a network event loop. Otherwise null, having done nothing: call
   * {@link #handleCommand} where blocking is allowed.
   */
  default CommandReply handleCommandIfQuick(Principal caller, CommandRequest request) {
    return null;
  }

  /**
   * As {@link #handleCommandIfQuick}, and also for a channel with plugs whose command needs nothing
   * that blocks but the plugs (a roll, chat, in a channel already loaded): the plugs run on a plug
   * worker, which then finishes the command and completes the answer, so the calling event loop
   * never waits and no other thread waits for the plugs either. The same checks as
   * {@link #handleCommand} (thrown at once); a failure later completes the answer exceptionally with
   * a {@link CoreException}. Null, having done nothing, when the command needs something that can
   * block first: call {@link #handleCommand} where blocking is allowed. Whoever completes the
   * answer runs its dependent actions: hand the answer to the network and return.
   */
  default CompletableFuture<CommandReply> handleCommandWithoutBlocking(Principal caller, CommandRequest request) {
    return handleCommandWithoutBlocking(caller, request, true);
  }

  /**
   * As {@link #handleCommandWithoutBlocking(Principal, CommandRequest)}; with {@code answerOnCaller}
   * false, a command no plug takes (the channel has none) is not answered on the calling thread
   * either: null, having done nothing, so the caller can run it on a worker. A network event loop
   * that answers commands itself delays every other connection it serves while it works; on a
   * machine with few cores that costs more latency than the hand-over to a worker (docs/benchmarks.md).
   */
  default CompletableFuture<CommandReply> handleCommandWithoutBlocking(Principal caller, CommandRequest request,
      boolean answerOnCaller) {
    CommandReply quick = answerOnCaller ? handleCommandIfQuick(caller, request) : null;
    return quick == null ? null : CompletableFuture.completedFuture(quick);
  }

  /**
   * Runs {@code action} once every event appended before this call (the rolls and reply of a
   * command just handled, say) is committed to disk, which survives a crash of the process: at once
   * when it already is, else on the core's writer thread after the commit. Never blocks; keep the
   * action short (hand the answer to the network).
   */
  default void whenEventsCommitted(Runnable action) {
    action.run();
  }

  /** Exact odds of an expression, as {@code sidekick stats --json}; a bad one: 400 with position. */
  StatsResult stats(Principal caller, String expr);

  // ---- plugs ------------------------------------------------------------------------------------

  /**
   * Compiles and installs (or replaces) plug {@code name} in a channel. Needs the plug right (shard and
   * admin: yes; app: if granted). 400 for an invalid module (the reason), 413 when too large.
   */
  PlugUpload putPlug(Principal caller, String channel, String name, String user, byte[] wasm);

  /** The channel's plugs in chain order, with usage statistics. */
  List<PlugInfo> listPlugs(Principal caller, String channel);

  /** Removes a plug; 404 when the channel has none by that name. */
  void removePlug(Principal caller, String channel, String name, String user);

  // ---- event log --------------------------------------------------------------------------------

  /**
   * Appends an event (admin only; the core appends its own events itself). {@code fields} are the
   * type-specific fields; {@code seq}, {@code type}, {@code at}, {@code channel} are set by the core.
   */
  Event appendEvent(Principal caller, String channel, String type, Map<String, ?> fields);

  /** Up to {@code limit} events after {@code afterSeq}, oldest first (limit capped by the config). */
  EventPage readEvents(Principal caller, String channel, long afterSeq, int limit);

  /**
   * Subscribes to a channel's feed: the backlog after {@code afterSeq} is in the returned subscription,
   * and every later event goes to {@code listener}, in order, exactly once. Long polling: subscribe, and
   * if the backlog is empty wait for the listener or the timeout, then close.
   */
  Subscription subscribe(Principal caller, String channel, long afterSeq, EventListener listener);

  /** The feed of operator events (shard status, revocation of tokens that have no channel). */
  String SYSTEM_CHANNEL = "_system";

  // ---- store, shards, metrics ------------------------------------------------------------------

  /** The WASM store's size (admin only). */
  StoreStats storeStats(Principal caller);

  /** Stores a shard's report (shard or admin) and appends {@code shard_status} to {@link #SYSTEM_CHANNEL}. */
  void reportShardStatus(Principal caller, ShardStatus status);

  /** The latest report of every shard, by shard number (admin only). */
  List<ShardStatus> shards(Principal caller);

  /** Counters and gauges for {@code /metrics} (commands, rolls, plugs, store, events, tokens, shards). */
  List<MetricSample> metrics();

  /** Stops background work and closes the databases; in-flight calls finish first. */
  @Override
  void close();
}
