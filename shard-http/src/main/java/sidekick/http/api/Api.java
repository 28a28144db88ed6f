package sidekick.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.Attachment;
import sidekick.core.CommandReply;
import sidekick.core.CommandRequest;
import sidekick.core.Core;
import sidekick.core.CoreException;
import sidekick.core.Event;
import sidekick.core.EventPage;
import sidekick.core.PlugInfo;
import sidekick.core.PlugUpload;
import sidekick.core.Principal;
import sidekick.core.RollResult;
import sidekick.core.ShardStatus;
import sidekick.core.StoreStats;
import sidekick.core.util.Futures;

/**
 * The operations of docs/protocol.md on top of the {@link Core} facade, for both transports: checks
 * the token through the core on every call, applies the per-token and per-channel rates, honours
 * idempotency keys, and turns results into JSON. Blocking (the core touches SQLite and runs plugs):
 * call it from a worker thread, never from an event loop.
 */
public final class Api {
  private static final Logger LOG = LoggerFactory.getLogger(Api.class);

  private final Core core;
  private final RateLimiter tokenRate;
  private final RateLimiter channelRate;
  private final RateLimiter anonymousRate;
  private final IdempotencyCache idempotency;
  /** Whether {@link #commandWithoutBlocking} may answer a command no plug takes on the calling thread. */
  private final boolean commandsOnCaller;

  /**
   * {@code anonymousRate} limits calls without a token ({@code apps.bind}, where a one-time code is
   * the credential) per client address, so codes cannot be guessed at speed.
   */
  public Api(Core core, RateLimiter tokenRate, RateLimiter channelRate, RateLimiter anonymousRate,
      IdempotencyCache idempotency, boolean commandsOnCaller) {
    this.core = core;
    this.commandsOnCaller = commandsOnCaller;
    this.tokenRate = tokenRate;
    this.channelRate = channelRate;
    this.anonymousRate = anonymousRate;
    this.idempotency = idempotency;
  }

  public Core core() {
    return core;
  }

  /** The principal of a bearer token; 401 when missing, unknown or revoked. */
  public Principal authenticate(String token) {
    if (token == null || token.isEmpty()) throw ApiException.unauthorized();
    try {
      return core.authenticate(token).orElseThrow(ApiException::unauthorized);
    } catch (CoreException e) {
      throw translate(e);
    }
  }

  /**
   * Runs one operation. {@code idempotencyKey} may be null; for a state-changing operation with a
   * key, a repeat within the time to live gets the first answer.
   */
  public ApiResult call(Op op, String token, ObjectNode args, String idempotencyKey) {
    Principal caller = op.needsToken() ? authenticate(token) : null;
    return call(op, caller, args, idempotencyKey);
  }

  /** Drops idle rate buckets and expired idempotency entries; call now and then. */
  public void sweep() {
    tokenRate.sweep();
    channelRate.sweep();
    anonymousRate.sweep();
  }

  /** Counts one call without a token against its client address's rate; 429 when over it. */
  public void admitAnonymous(String clientAddress) {
    limit(anonymousRate, clientAddress, "client address");
  }

  /** Counts one request against the caller's token rate; 429 when over it. */
  public void admit(Principal caller) {
    if (!tokenRate.enabled()) return;
    limit(tokenRate, caller.tokenId(), "token"); // each limiter has its own keys: no prefix to build
  }

  /** As {@link #call(Op, String, ObjectNode, String)} for an already authenticated caller. */
  public ApiResult call(Op op, Principal caller, ObjectNode args, String idempotencyKey) {
    admit(op, caller, args);
    return callAdmitted(op, caller, args, idempotencyKey);
  }

  /**
   * The caller of a token known in memory (no I/O: fit for an event loop), or null: then the call
   * goes to a worker through {@link #call(Op, String, ObjectNode, String)}, which checks it fully.
   */
  public Principal knownCaller(String token) {
    if (token == null || token.isEmpty()) return null;
    return core.authenticateInMemory(token);
  }

  /** Counts the call against the caller's token rate and a command against its channel's; 429 when over. */
  public void admit(Op op, Principal caller, ObjectNode args) {
    if (caller != null) admit(caller);
    if (op == Op.COMMAND && args.path("channel").isTextual()) admitChannel(args.get("channel").textValue());
  }

  /** {@link #admit(Op, Principal, ObjectNode)} for a command already read ({@link CommandBody}). */
  public void admitCommand(Principal caller, CommandRequest command) {
    admit(caller);
    admitChannel(command.channel());
  }

  /** {@link #admit(Op, Principal, ObjectNode)} of a command's arguments, then the command they give (400 when wrong). */
  public CommandRequest admitCommand(Principal caller, ObjectNode args) {
    admit(Op.COMMAND, caller, args);
    return commandRequest(args);
  }

  private void admitChannel(String channel) {
    if (channelRate.enabled()) limit(channelRate, channel, "channel");
  }

  /**
   * A command answered at once when it needs nothing that blocks ({@link Core#handleCommandIfQuick}),
   * for a caller already admitted; null otherwise: then run {@link #callAdmitted} on a worker.
   */
  public CommandReply commandIfQuick(Principal caller, ObjectNode args) {
    CommandRequest command = commandRequest(args);
    try {
      return core.handleCommandIfQuick(caller, command);
    } catch (CoreException e) {
      throw translate(e);
    }
  }

  /** Runs a command already read and admitted, blocking (on a worker), without idempotency key. */
  public ApiResult commandAdmitted(Principal caller, CommandRequest command) {
    return run(Op.COMMAND, () -> commandReplyJson(core.handleCommand(caller, command)));
  }

  /**
   * A command started without blocking ({@link Core#handleCommandWithoutBlocking}: answered at once
   * when this API may answer commands on the calling thread, or by the plug worker that runs the
   * channel's plugs) for a caller already admitted; null otherwise: then run {@link #commandAdmitted}
   * on a worker. A later failure completes the answer
   * exceptionally: {@link #failure} turns it into the client's error.
   */
  public java.util.concurrent.CompletableFuture<CommandReply> commandWithoutBlocking(Principal caller,
      CommandRequest command) {
    try {
      return core.handleCommandWithoutBlocking(caller, command, commandsOnCaller);
    } catch (CoreException e) {
      throw translate(e);
    }
  }

  /** The client's error for a command that failed after it was started ({@link #commandWithoutBlocking}). */
  public static ApiException failure(Throwable error) {
    return failure("command", error);
  }

  /**
   * The client's error for a request ({@code what}, for the log) that failed after it was started:
   * an {@link ApiException} as it is, the core's refusal translated, anything else a logged 500.
   */
  public static ApiException failure(String what, Throwable error) {
    Throwable cause = Futures.cause(error);
    if (cause instanceof ApiException e) return e;
    if (cause instanceof CoreException e) return translate(e);
    LOG.error("{} failed", what, cause);
    return new ApiException(500, "internal error");
  }

  /** Runs an operation for a caller already admitted by {@link #admit(Op, Principal, ObjectNode)}. */
  public ApiResult callAdmitted(Op op, Principal caller, ObjectNode args, String idempotencyKey) {
    if (idempotencyKey != null && op.mutating() && !idempotencyKey.isEmpty()) {
      return idempotency.once(idempotencyEntry(op, caller, idempotencyKey), () -> run(op, caller, args));
    }
    return run(op, caller, args);
  }

  private static String idempotencyEntry(Op op, Principal caller, String key) {
    String owner = caller == null ? "-" : caller.tokenId();
    return owner + '\u0000' + op.wireName() + '\u0000' + key;
  }

  /**
   * A command already read and admitted, started without blocking ({@link #commandWithoutBlocking});
   * when it needs a thread that may block, {@code onWorker} runs the blocking call there. With an
   * idempotency key a repeat gets the first run's answer (when it comes) and runs nothing. The
   * answer, or a failure as an {@link ApiException}, completes on whichever thread finished the
   * command; never thrown here.
   */
  public java.util.concurrent.CompletableFuture<ApiResult> commandStarted(Principal caller, CommandRequest command,
      String idempotencyKey,
      java.util.function.Function<java.util.function.Supplier<ApiResult>, java.util.concurrent.CompletableFuture<ApiResult>> onWorker) {
    java.util.function.Supplier<java.util.concurrent.CompletableFuture<ApiResult>> start = () -> {
      var reply = commandWithoutBlocking(caller, command);
      if (reply == null) return onWorker.apply(() -> commandAdmitted(caller, command));
      return reply.handle((r, error) -> {
        if (error != null) throw failure(error);
        return new ApiResult(Op.COMMAND.successStatus(), commandReplyJson(r));
      });
    };
    if (idempotencyKey != null && !idempotencyKey.isEmpty()) {
      return idempotency.onceAsync(idempotencyEntry(Op.COMMAND, caller, idempotencyKey), start);
    }
    try {
      return start.get();
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  /** Renders a page of events as {@code {"events": [...], "next": N}} without re-parsing them. */
  public static ObjectNode eventPage(List<Event> events, long next, boolean truncated) {
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("events");
    for (Event e : events) list.addRawValue(new RawValue(e.json()));
    out.put("next", next);
    if (truncated) out.put("truncated", true);
    return out;
  }

  public static ApiException translate(CoreException e) {
    int status = e.status().http();
    if (status >= 500) {
      LOG.error("core failure: {}", e.getMessage(), e);
      return new ApiException(500, "internal error");
    }
    ObjectNode extra = null;
    if (e.position() != null) extra = Json.object().put("position", e.position());
    long retry = e.retryAfterSeconds() == null ? 0 : e.retryAfterSeconds();
    return new ApiException(status, e.getMessage(), extra, retry);
  }

  private void limit(RateLimiter limiter, String key, String what) {
    long waitNanos = limiter.acquire(key);
    if (waitNanos > 0) {
      long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
      throw ApiException.tooManyRequests("too many requests for this " + what, seconds);
    }
  }

  private ApiResult run(Op op, Principal caller, ObjectNode args) {
    return run(op, () -> execute(op, caller, args));
  }

  private ApiResult run(Op op, java.util.function.Supplier<JsonNode> work) {
    try {
      return new ApiResult(op.successStatus(), work.get());
    } catch (CoreException e) {
      throw translate(e);
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.error("operation {} failed", op.wireName(), e);
      throw new ApiException(500, "internal error");
    }
  }

  private JsonNode execute(Op op, Principal caller, ObjectNode args) {
    switch (op) {
      case COMMAND:
        return commandReplyJson(core.handleCommand(caller, commandRequest(args)));
      case PLUG_PUT:
        return plugUpload(core.putPlug(caller, Args.text(args, "channel"), Args.text(args, "name"),
            Args.optionalText(args, "user"), Args.bytes(args, "wasm", "base64")));
      case PLUG_LIST:
        return plugs(core.listPlugs(caller, Args.text(args, "channel")));
      case PLUG_RM:
        core.removePlug(caller, Args.text(args, "channel"), Args.text(args, "name"),
            Args.optionalText(args, "user"));
        return null;
      case EVENTS:
        EventPage page = core.readEvents(caller, Args.text(args, "channel"),
            Args.longValue(args, "after", 0), Args.intValue(args, "limit", Integer.MAX_VALUE));
        return eventPage(page.events(), page.next(), page.truncated());
      case STATS:
        return Json.parseObject(core.stats(caller, Args.text(args, "expr")).json()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      case STORE_STATS:
        return storeStats(core.storeStats(caller));
      case SHARD_STATUS:
        core.reportShardStatus(caller, shardStatus(args));
        return null;
      case SHARDS:
        ArrayNode shards = Json.MAPPER.createArrayNode();
        for (ShardStatus s : core.shards(caller)) shards.add(shardStatusJson(s));
        return shards;
      case WHOAMI:
        return whoamiOf(caller);
      case APPS_BIND:
        var binding = core.bindApp(Args.text(args, "code"));
        return Json.object().put("token", binding.token()).put("channel", binding.channel())
            .put("user", binding.user());
      case PING:
        return Json.object().put("at", Instant.now().toString());
      default:
        throw new IllegalStateException("unhandled operation " + op);
    }
  }

  private static CommandRequest commandRequest(ObjectNode args) {
    Attachment attachment = null;
    JsonNode a = args.get("attachment");
    if (a != null && !a.isNull()) {
      if (!a.isObject()) throw ApiException.badRequest("field \"attachment\" must be an object");
      ObjectNode att = (ObjectNode) a;
      attachment = new Attachment(Args.optionalText(att, "name"),
          Args.base64(Args.text(att, "base64"), "attachment.base64"));
    }
    return new CommandRequest(Args.text(args, "channel"), Args.optionalText(args, "server"),
        Args.text(args, "user"), Args.optionalText(args, "userName"), Args.text(args, "text"),
        Args.bool(args, "canManagePlugs"), attachment);
  }

  /** A command's answer as a JSON tree (the WebSocket answer adds its request id to it). */
  public static ObjectNode commandReplyJson(CommandReply r) {
    ObjectNode out = Json.object();
    if (!r.isCommand()) return out.putNull("reply");
    out.put("reply", r.reply());
    ArrayNode rolls = out.putArray("rolls");
    for (RollResult roll : r.rolls()) {
      ObjectNode o = rolls.addObject().put("expr", roll.expr());
      putNumber(o, "total", roll.total());
      o.put("text", roll.text());
    }
    out.put("micros", r.micros());
    if (r.ephemeral()) out.put("ephemeral", true);
    return out;
  }

  private static void putNumber(ObjectNode o, String field, Number n) {
    if (n == null) o.putNull(field);
    else if (n instanceof Double || n instanceof Float) o.put(field, n.doubleValue());
    else if (n instanceof java.math.BigDecimal d) o.put(field, d);
    else o.put(field, n.longValue());
  }

  private static ObjectNode plugUpload(PlugUpload u) {
    return Json.object().put("name", u.name()).put("hash", u.hash()).put("len", u.len())
        .put("compileMillis", u.compileMillis()).put("replaced", u.replaced());
  }

  private static ArrayNode plugs(List<PlugInfo> plugs) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (PlugInfo p : plugs) {
      out.addObject().put("name", p.name()).put("hash", p.hash()).put("len", p.len())
          .put("uploadedBy", p.uploadedBy())
          .put("uploadedAt", p.uploadedAt() == null ? null : p.uploadedAt().toString())
          .put("calls", p.calls()).put("errors", p.errors()).put("p50Micros", p.p50Micros())
          .put("p99Micros", p.p99Micros()).put("bytesIn", p.bytesIn()).put("bytesOut", p.bytesOut());
    }
    return out;
  }

  private static ObjectNode storeStats(StoreStats s) {
    return Json.object().put("blobs", s.blobs()).put("references", s.references())
        .put("rawBytes", s.rawBytes()).put("storedBytes", s.storedBytes());
  }

  private static ShardStatus shardStatus(ObjectNode args) {
    return new ShardStatus(Args.intValue(args, "shard", 0), Args.intValue(args, "shardsTotal", 1),
        Args.text(args, "state"), Args.intValue(args, "guilds", 0),
        Args.longValue(args, "latencyMillis", 0), Args.intValue(args, "queue", 0), null);
  }

  private static ObjectNode shardStatusJson(ShardStatus s) {
    return Json.object().put("shard", s.shard()).put("shardsTotal", s.shardsTotal())
        .put("state", s.state()).put("guilds", s.guilds()).put("latencyMillis", s.latencyMillis())
        .put("queue", s.queue())
        .put("reportedAt", s.reportedAt() == null ? null : s.reportedAt().toString());
  }

  public static ObjectNode whoamiOf(Principal p) {
    return Json.object().put("kind", p.kind().wireName()).put("user", p.user())
        .put("channel", p.channel()).put("canManagePlugs", p.canManagePlugs());
  }
}
