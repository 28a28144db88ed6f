package sidekick.bot.fakediscord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Discord on 127.0.0.1: the gateway (HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats,
 * MESSAGE_CREATE, INTERACTION_CREATE, MESSAGE_REACTION_ADD) and the REST routes a JDA bot calls to
 * log in, post and delete messages, answer interactions and register commands, plus attachment
 * downloads. Guilds go to shards by Discord's rule, {@code shard = (guild_id >> 22) % shards}.
 *
 * <p>Tests drive it with {@link #send}, {@link #slash} and {@link #react}, and read what the bot did
 * with {@link #await}.
 */
public final class FakeDiscord implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FakeDiscord.class);
  private static final long DISCORD_EPOCH = 1420070400000L;
  private static final Pattern API = Pattern.compile("^/api/v\\d+/(.*)$");
  /** Heartbeat interval Discord announces in HELLO; tests may ask for a shorter one. */
  public static final int HEARTBEAT_MILLIS = 41_250;

  private final String token;
  private final int heartbeatMillis;
  private final AtomicLong heartbeats = new AtomicLong();
  private final AtomicLong downloads = new AtomicLong();
  private final EventLoopGroup group = new NioEventLoopGroup(2);
  private final Channel server;
  private final int port;
  private final AtomicLong ids = new AtomicLong();
  private final FakeUser self;
  private final long applicationId;

  private final Map<Long, FakeGuild> guilds = new ConcurrentHashMap<>();
  private final List<GatewaySession> sessions = new CopyOnWriteArrayList<>();
  private final Map<Long, ObjectNode> messages = new ConcurrentHashMap<>();
  private final Map<Long, FakeAttachment> attachments = new ConcurrentHashMap<>();
  private final Map<String, Long> interactionByToken = new ConcurrentHashMap<>();
  private final Map<Long, Long> dispatchedAt = new ConcurrentHashMap<>();
  private final Map<Long, Long> dmChannels = new ConcurrentHashMap<>();
  private final Map<String, int[]> resumable = new ConcurrentHashMap<>();
  private final List<Outgoing> outgoing = new ArrayList<>();
  private final List<Consumer<Outgoing>> listeners = new CopyOnWriteArrayList<>();
  private final List<String> unknownRoutes = new CopyOnWriteArrayList<>();
  private volatile JsonNode registeredCommands;

  private FakeDiscord(String token, int heartbeatMillis) throws InterruptedException {
    this.token = token;
    this.heartbeatMillis = heartbeatMillis;
    this.self = FakeUser.bot(nextId(), "Sidekick");
    this.applicationId = self.id();
    FakeDiscord discord = this;
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(64 * 1024 * 1024))
                        .addLast(
                            new WebSocketServerProtocolHandler(
                                WebSocketServerProtocolConfig.newBuilder()
                                    .websocketPath("/gateway")
                                    .checkStartsWith(true)
                                    .maxFramePayloadLength(4 * 1024 * 1024)
                                    .handleCloseFrames(true)
                                    .build()))
                        .addLast(new WebSocketFrameAggregator(4 * 1024 * 1024))
                        .addLast(new FakeDiscordHandler(discord));
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
    port = ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Starts a fake that accepts the given bot token. */
  public static FakeDiscord start(String token) {
    return start(token, HEARTBEAT_MILLIS);
  }

  /** Starts a fake that asks for a heartbeat every {@code heartbeatMillis}. */
  public static FakeDiscord start(String token, int heartbeatMillis) {
    try {
      return new FakeDiscord(token, heartbeatMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the fake Discord", e);
    }
  }

  public String restUrl() {
    return "http://127.0.0.1:" + port + "/api/v10/";
  }

  public String gatewayUrl() {
    return "ws://127.0.0.1:" + port + "/gateway";
  }

  public FakeUser botUser() {
    return self;
  }

  /** A new snowflake id with the current time in it. */
  public long nextId() {
    return ((System.currentTimeMillis() - DISCORD_EPOCH) << 22) | (ids.incrementAndGet() & 0x3FFFFF);
  }

  /** A guild id that Discord's rule puts on {@code shard} of {@code shardsTotal}. */
  public static long guildIdOnShard(int shard, int shardsTotal, int n) {
    long timestamp = 1_000_000L * shardsTotal + (long) n * shardsTotal + shard;
    return (timestamp << 22) | 1;
  }

  /** Adds a guild with one text channel; add guilds before the shards connect. */
  public FakeGuild addGuild(long id, String name) {
    FakeGuild guild = new FakeGuild(id, name, nextId(), nextId());
    guilds.put(id, guild);
    for (GatewaySession s : sessions) if (s.serves(guild)) s.dispatch("GUILD_CREATE", Payloads.guildCreate(guild, self));
    return guild;
  }

  /** Hosts a file for download and describes it as an attachment. */
  public FakeAttachment host(String name, byte[] bytes) {
    long id = nextId();
    FakeAttachment a = new FakeAttachment(id, name, bytes, "http://127.0.0.1:" + port + "/attachments/" + id + "/" + name);
    attachments.put(id, a);
    return a;
  }

  /** A user posts a message in the guild's channel; returns the message id. */
  public long send(FakeGuild guild, FakeUser author, String content, FakeAttachment... files) {
    long id = nextId();
    ObjectNode message = Payloads.message(id, guild, author, content, List.of(files));
    messages.put(id, message);
    dispatchedAt.put(id, System.nanoTime());
    sessionFor(guild).dispatch("MESSAGE_CREATE", message);
    return id;
  }

  /** Dispatches a message again, as Discord may after a gateway resume. */
  public void redeliver(FakeGuild guild, long messageId) {
    ObjectNode message = messages.get(messageId);
    if (message == null) throw new IllegalArgumentException("no message " + messageId);
    sessionFor(guild).dispatch("MESSAGE_CREATE", message.deepCopy());
  }

  /**
   * A user runs a slash command; returns the interaction id.
   *
   * @param subcommand the subcommand, or null
   * @param options string options by name
   * @param file an attachment option named "file", or null
   */
  public long slash(
      FakeGuild guild, FakeUser user, String command, String subcommand, Map<String, String> options, FakeAttachment file) {
    long id = nextId();
    String interactionToken = "itok-" + id;
    interactionByToken.put(interactionToken, id);
    ObjectNode d = Payloads.JSON.createObjectNode();
    d.put("id", Long.toString(id));
    d.put("application_id", Long.toString(applicationId));
    d.put("type", 2);
    d.put("token", interactionToken);
    d.put("version", 1);
    d.put("guild_id", Long.toString(guild.id()));
    ObjectNode g = d.putObject("guild");
    g.put("id", Long.toString(guild.id()));
    g.put("locale", "en-US");
    g.putArray("features");
    d.put("channel_id", Long.toString(guild.channelId()));
    d.set("channel", Payloads.textChannel(guild));
    ObjectNode member = Payloads.member(guild, user, true);
    member.put("permissions", Long.toString(guild.permissionsOf(user.id())));
    d.set("member", member);
    d.put("locale", "en-US");
    d.put("guild_locale", "en-US");
    d.put("app_permissions", Long.toString(FakeGuild.EVERYONE_PERMISSIONS));
    d.putArray("entitlements");
    d.putObject("authorizing_integration_owners").put("0", Long.toString(guild.id()));
    d.put("context", 0);
    ObjectNode data = d.putObject("data");
    data.put("id", Long.toString(applicationId + 1));
    data.put("name", command);
    data.put("type", 1);
    ArrayNode top = data.putArray("options");
    ArrayNode opts = top;
    if (subcommand != null) {
      ObjectNode sub = top.addObject();
      sub.put("name", subcommand);
      sub.put("type", 1);
      opts = sub.putArray("options");
    }
    for (Map.Entry<String, String> e : options.entrySet()) {
      ObjectNode o = opts.addObject();
      o.put("name", e.getKey());
      o.put("type", 3);
      o.put("value", e.getValue());
    }
    if (file != null) {
      ObjectNode o = opts.addObject();
      o.put("name", "file");
      o.put("type", 11);
      o.put("value", Long.toString(file.id()));
      data.putObject("resolved").putObject("attachments").set(Long.toString(file.id()), Payloads.attachment(file));
    }
    dispatchedAt.put(id, System.nanoTime());
    sessionFor(guild).dispatch("INTERACTION_CREATE", d);
    return id;
  }

  /** A user adds a reaction to a message. */
  public void react(FakeGuild guild, FakeUser user, long messageId, String emoji) {
    ObjectNode message = messages.get(messageId);
    ObjectNode d = Payloads.JSON.createObjectNode();
    d.put("user_id", Long.toString(user.id()));
    d.put("channel_id", Long.toString(guild.channelId()));
    d.put("message_id", Long.toString(messageId));
    d.put("guild_id", Long.toString(guild.id()));
    d.set("member", Payloads.member(guild, user, true));
    ObjectNode e = d.putObject("emoji");
    e.putNull("id");
    e.put("name", emoji);
    if (message != null) d.put("message_author_id", message.path("author").path("id").asText());
    d.put("burst", false);
    d.put("type", 0);
    sessionFor(guild).dispatch("MESSAGE_REACTION_ADD", d);
  }

  /** Waits for the first bot action that matches, in the order they happened. */
  public Outgoing await(Predicate<Outgoing> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (outgoing) {
      while (true) {
        for (Outgoing o : outgoing) if (match.test(o)) return o;
        long left = deadline - System.nanoTime();
        if (left <= 0) return null;
        try {
          outgoing.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
  }

  /** Everything the bot did so far. */
  public List<Outgoing> outgoing() {
    synchronized (outgoing) {
      return List.copyOf(outgoing);
    }
  }

  /** Called for every bot action, on a Netty thread. */
  public void onOutgoing(Consumer<Outgoing> listener) {
    listeners.add(listener);
  }

  /** When a message or interaction was dispatched ({@link System#nanoTime()}), or null. */
  public Long dispatchedAt(long id) {
    return dispatchedAt.get(id);
  }

  /** Attachment downloads served. */
  public long downloads() {
    return downloads.get();
  }

  /** Heartbeats received from all sessions. */
  public long heartbeats() {
    return heartbeats.get();
  }

  /** The slash commands the bot registered last, or null. */
  public JsonNode registeredCommands() {
    return registeredCommands;
  }

  /** REST routes the bot called that the fake does not know. */
  public List<String> unknownRoutes() {
    return List.copyOf(unknownRoutes);
  }

  /** The shard ids of the open, identified gateway sessions. */
  public List<Integer> connectedShards() {
    List<Integer> out = new ArrayList<>();
    for (GatewaySession s : sessions) if (s.isOpen() && s.identified()) out.add(s.shardId());
    return out;
  }

  /** Closes every gateway connection (as Discord does on a restart); JDA reconnects. */
  public void dropGateways() {
    for (GatewaySession s : sessions) s.close(4000, "fake restart");
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  private GatewaySession sessionFor(FakeGuild guild) {
    for (GatewaySession s : sessions) if (s.serves(guild)) return s;
    throw new IllegalStateException("no shard connected for guild " + guild.id());
  }

  // ---- gateway ----

  void opened(GatewaySession session) {
    ObjectNode hello = Payloads.JSON.createObjectNode().put("heartbeat_interval", heartbeatMillis);
    session.send(Payloads.op(10, hello));
  }

  void closed(GatewaySession session) {
    sessions.remove(session);
  }

  void gateway(GatewaySession session, JsonNode payload) {
    int op = payload.path("op").asInt(-1);
    switch (op) {
      case 1 -> {
        heartbeats.incrementAndGet();
        session.send(Payloads.op(11, null));
      }
      case 2 -> identify(session, payload.path("d"));
      case 6 -> resume(session, payload.path("d"));
      default -> log.debug("fake discord ignores gateway op {}", op);
    }
  }

  /** A reconnecting shard resumes its session: same shard, events go on (none are replayed). */
  private void resume(GatewaySession session, JsonNode d) {
    int[] shard = resumable.get(d.path("session_id").asText());
    if (shard == null || !token.equals(d.path("token").asText())) {
      session.send(Payloads.op(9, null).put("d", false)); // unknown session: identify again
      return;
    }
    session.identified(shard[0], shard[1]);
    sessions.add(session);
    session.dispatch("RESUMED", Payloads.JSON.createObjectNode());
  }

  private void identify(GatewaySession session, JsonNode d) {
    if (!token.equals(d.path("token").asText())) {
      session.close(4004, "Authentication failed.");
      return;
    }
    JsonNode shard = d.path("shard");
    session.identified(shard.isArray() ? shard.get(0).asInt() : 0, shard.isArray() ? shard.get(1).asInt() : 1);
    ObjectNode ready = Payloads.JSON.createObjectNode();
    ready.put("v", 10);
    ObjectNode user = Payloads.user(self);
    user.put("verified", true);
    user.put("mfa_enabled", false);
    user.put("flags", 0);
    ready.set("user", user);
    ArrayNode readyGuilds = ready.putArray("guilds");
    List<FakeGuild> served = new ArrayList<>();
    for (FakeGuild g : guilds.values()) {
      if (g.shardOf(session.shardsTotal()) == session.shardId()) {
        served.add(g);
        readyGuilds.addObject().put("id", Long.toString(g.id())).put("unavailable", true);
      }
    }
    String sessionId = UUID.randomUUID().toString();
    resumable.put(sessionId, new int[] {session.shardId(), session.shardsTotal()});
    ready.put("session_id", sessionId);
    ready.put("resume_gateway_url", gatewayUrl());
    ready.putArray("shard").add(session.shardId()).add(session.shardsTotal());
    ready.putObject("application").put("id", Long.toString(applicationId)).put("flags", 0);
    ready.putArray("private_channels");
    ready.putArray("relationships");
    ready.putArray("presences");
    ready.putArray("guild_join_requests");
    ready.putArray("geo_ordered_rtc_regions");
    ready.putObject("user_settings");
    ready.putObject("auth");
    sessions.add(session);
    session.dispatch("READY", ready);
    for (FakeGuild g : served) session.dispatch("GUILD_CREATE", Payloads.guildCreate(g, self));
  }

  // ---- REST ----

  /** A REST answer. */
  record Response(int status, byte[] body, String contentType) {
    static Response json(int status, JsonNode body) {
      try {
        return new Response(status, Payloads.JSON.writeValueAsBytes(body), "application/json");
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    static Response empty() {
      return new Response(204, null, null);
    }
  }

  Response rest(FullHttpRequest request) {
    long receivedNanos = System.nanoTime();
    String path = new QueryStringDecoder(request.uri()).path();
    String method = request.method().name();
    try {
      if (path.startsWith("/attachments/")) return attachment(path);
      Matcher api = API.matcher(path);
      if (!api.matches()) return notFound(method, path);
      if (!("Bot " + token).equals(request.headers().get("Authorization"))) {
        return Response.json(401, error(0, "401: Unauthorized"));
      }
      JsonNode body =
          request.content().readableBytes() == 0
              ? Payloads.JSON.createObjectNode()
              : Payloads.JSON.readTree(request.content().toString(StandardCharsets.UTF_8));
      return route(method, api.group(1).split("/"), body, receivedNanos, path);
    } catch (Exception e) {
      log.warn("fake discord failed on {} {}", method, path, e);
      return Response.json(500, error(0, e.toString()));
    }
  }

  private Response route(String method, String[] p, JsonNode body, long at, String path) {
    String route = method + " " + String.join("/", p);
    if (route.equals("GET gateway/bot")) {
      ObjectNode n = Payloads.JSON.createObjectNode().put("url", gatewayUrl()).put("shards", 1);
      n.putObject("session_start_limit").put("total", 1000).put("remaining", 1000).put("reset_after", 0).put("max_concurrency", 16);
      return Response.json(200, n);
    }
    if (route.equals("GET gateway")) return Response.json(200, Payloads.JSON.createObjectNode().put("url", gatewayUrl()));
    if (route.equals("GET users/@me")) {
      ObjectNode u = Payloads.user(self);
      u.put("verified", true).put("mfa_enabled", false).put("flags", 0);
      return Response.json(200, u);
    }
    if (method.equals("PUT") && p.length == 3 && p[0].equals("applications") && p[2].equals("commands")) {
      ArrayNode echoed = Payloads.JSON.createArrayNode();
      for (JsonNode c : body) {
        ObjectNode copy = ((ObjectNode) c).deepCopy();
        copy.put("id", Long.toString(nextId()));
        copy.put("application_id", Long.toString(applicationId));
        copy.put("version", Long.toString(nextId()));
        copy.put("type", c.path("type").asInt(1));
        echoed.add(copy);
      }
      registeredCommands = echoed;
      return Response.json(200, echoed);
    }
    if (route.equals("POST users/@me/channels")) return openDm(body);
    if (p.length >= 3 && p[0].equals("channels") && p[2].equals("messages")) {
      long channel = Long.parseLong(p[1]);
      if (method.equals("POST") && p.length == 3) return postMessage(channel, body, at);
      if (p.length == 4 && method.equals("GET")) {
        ObjectNode m = messages.get(Long.parseLong(p[3]));
        return m == null ? Response.json(404, error(10008, "Unknown Message")) : Response.json(200, m);
      }
      if (p.length == 4 && method.equals("DELETE")) {
        long id = Long.parseLong(p[3]);
        if (messages.remove(id) == null) return Response.json(404, error(10008, "Unknown Message"));
        record(new Outgoing(Outgoing.Kind.DELETE, channel, id, null, 0, at, body));
        return Response.empty();
      }
    }
    if (method.equals("POST") && p.length == 4 && p[0].equals("interactions") && p[3].equals("callback")) {
      return interactionCallback(Long.parseLong(p[1]), body, at);
    }
    if (p.length >= 3 && p[0].equals("webhooks") && interactionByToken.containsKey(p[2])) {
      return webhook(method, p, body, at, path);
    }
    return notFound(method, path);
  }

  private Response openDm(JsonNode body) {
    long user = body.path("recipient_id").asLong();
    long channel = dmChannels.computeIfAbsent(user, u -> nextId());
    ObjectNode c = Payloads.JSON.createObjectNode();
    c.put("id", Long.toString(channel));
    c.put("type", 1);
    c.putNull("last_message_id");
    c.putArray("recipients").add(Payloads.user(FakeUser.person(user, "user" + user)));
    return Response.json(200, c);
  }

  /** The interaction webhook: edit or delete the original reply, or send a follow-up. */
  private Response webhook(String method, String[] p, JsonNode body, long at, String path) {
    long interaction = interactionByToken.get(p[2]);
    boolean original = p.length == 5 && p[4].equals("@original");
    String content = body.path("content").asText(null);
    if (method.equals("PATCH") && original) {
      ObjectNode m = botMessage(0, content, 0);
      record(new Outgoing(Outgoing.Kind.INTERACTION_EDIT, 0, m.path("id").asLong(), content, interaction, at, body));
      return Response.json(200, m);
    }
    if (method.equals("DELETE") && original) {
      record(new Outgoing(Outgoing.Kind.DELETE, 0, 0, null, interaction, at, body));
      return Response.empty();
    }
    if (method.equals("POST") && p.length == 3) {
      ObjectNode m = botMessage(0, content, 0);
      m.put("flags", body.path("flags").asInt(0));
      record(new Outgoing(Outgoing.Kind.INTERACTION_FOLLOWUP, 0, m.path("id").asLong(), content, interaction, at, body));
      return Response.json(200, m);
    }
    return notFound(method, path);
  }

  private Response postMessage(long channel, JsonNode body, long at) {
    String content = body.path("content").asText(null);
    long replyTo = body.path("message_reference").path("message_id").asLong(0);
    ObjectNode m = botMessage(channel, content, replyTo);
    long id = m.path("id").asLong();
    messages.put(id, m);
    record(new Outgoing(Outgoing.Kind.MESSAGE, channel, id, content, replyTo, at, body));
    return Response.json(200, m);
  }

  private Response interactionCallback(long interaction, JsonNode body, long at) {
    int type = body.path("type").asInt();
    String content = body.path("data").path("content").asText(null);
    Outgoing.Kind kind = type == 5 ? Outgoing.Kind.INTERACTION_DEFER : Outgoing.Kind.INTERACTION_REPLY;
    record(new Outgoing(kind, 0, 0, content, interaction, at, body));
    return Response.empty();
  }

  private ObjectNode botMessage(long channel, String content, long replyTo) {
    long id = nextId();
    ObjectNode m = Payloads.JSON.createObjectNode();
    m.put("id", Long.toString(id));
    m.put("channel_id", Long.toString(channel));
    m.set("author", Payloads.user(self));
    m.put("content", content == null ? "" : content);
    m.put("timestamp", java.time.Instant.now().toString());
    m.putNull("edited_timestamp");
    m.put("tts", false);
    m.put("mention_everyone", false);
    m.putArray("mentions");
    m.putArray("mention_roles");
    m.putArray("attachments");
    m.putArray("embeds");
    m.putArray("components");
    m.put("pinned", false);
    m.put("flags", 0);
    ObjectNode original = replyTo == 0 ? null : messages.get(replyTo);
    m.put("type", original == null ? 0 : 19);
    if (original != null) {
      m.put("guild_id", original.path("guild_id").asText());
      ObjectNode ref = m.putObject("message_reference");
      ref.put("type", 0);
      ref.put("message_id", Long.toString(replyTo));
      ref.put("channel_id", Long.toString(channel));
      ref.put("guild_id", original.path("guild_id").asText());
      m.set("referenced_message", original);
    }
    return m;
  }

  private Response attachment(String path) {
    String[] p = path.split("/");
    FakeAttachment a = p.length >= 3 ? attachments.get(Long.parseLong(p[2])) : null;
    if (a == null) return new Response(404, "not found".getBytes(StandardCharsets.UTF_8), "text/plain");
    downloads.incrementAndGet();
    return new Response(200, a.bytes(), "application/octet-stream");
  }

  private Response notFound(String method, String path) {
    unknownRoutes.add(method + " " + path);
    log.warn("fake discord: unknown route {} {}", method, path);
    return Response.json(404, error(0, "404: Not Found"));
  }

  private static ObjectNode error(int code, String message) {
    return Payloads.JSON.createObjectNode().put("code", code).put("message", message);
  }

  private void record(Outgoing o) {
    synchronized (outgoing) {
      outgoing.add(o);
      outgoing.notifyAll();
    }
    for (Consumer<Outgoing> l : listeners) l.accept(o);
  }
}
