package sidekick.bot.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import sidekick.bot.commands.CommandTrigger;
import java.util.concurrent.CompletableFuture;
import sidekick.bot.core.CoreCommand;
import sidekick.bot.core.CoreReply;
import sidekick.bot.core.Distribution;
import sidekick.bot.core.PlugInfo;
import sidekick.bot.core.ShardStatus;
import sidekick.bot.core.CoreService;
import sidekick.bot.core.RemoteCore;
import sidekick.bot.core.RetryPolicy;
import sidekick.bot.discord.DiscordShardConfig;
import sidekick.bot.discord.DiscordShards;
import sidekick.bot.fakediscord.FakeDiscord;
import sidekick.bot.fakediscord.FakeGuild;
import sidekick.bot.fakediscord.FakeUser;
import sidekick.bot.fakediscord.Outgoing;
import sidekick.http.server.ServerConfig;

/**
 * The shard's end-to-end load run (bench/bot/run.sh): the fake Discord, the real JDA shard and the
 * real core and server in one process on 127.0.0.1. Measures
 *
 * <ol>
 *   <li>latency at a fixed rate (open loop): from the fake's gateway dispatch of MESSAGE_CREATE to
 *       the bot's reply reaching the fake's REST;
 *   <li>the same commands at the same rate sent straight to the core through the same client (no
 *       Discord, no JDA): the baseline, so the shard's own cost shows as a ratio;
 *   <li>throughput: as many messages per second as the path carries with a fixed window in flight.
 * </ol>
 *
 * Arguments: {@code [--rate 20] [--seconds 30] [--guilds 20] [--window 32] [--throughput-seconds 10]}.
 */
public final class ShardLoad {
  static final String TOKEN = "load-bot-token";
  static final String COMMAND = "/r 2d6+3 # load";
  /** Pause after the warm-up so its backlog (JIT, the core's writes) does not bleed into the run. */
  static final long SETTLE_MILLIS = 2000;

  static long[] merged(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    Arrays.sort(out);
    return out;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = options(args);
    int rate = Integer.parseInt(a.getOrDefault("rate", "20"));
    int seconds = Integer.parseInt(a.getOrDefault("seconds", "30"));
    int guildCount = Integer.parseInt(a.getOrDefault("guilds", "20"));
    int window = Integer.parseInt(a.getOrDefault("window", "32"));
    int throughputSeconds = Integer.parseInt(a.getOrDefault("throughput-seconds", "10"));

    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    // The server's per-token and per-channel rate limits are raised: this measures the shard path.
    ServerConfig.Builder server = ServerConfig.builder().tokenRate(100_000, 100_000).channelRate(100_000, 100_000);
    try (LocalCore core = LocalCore.start(server);
        FakeDiscord discord = FakeDiscord.start(TOKEN);
        CoreService remote = RemoteCore.connect(core.url(), core.shardToken(), RetryPolicy.DEFAULT, timer)) {
      List<FakeGuild> guilds = new ArrayList<>();
      for (int i = 0; i < guildCount; i++) guilds.add(discord.addGuild(FakeDiscord.guildIdOnShard(0, 1, i), "g" + i));
      DiscordShardConfig config =
          DiscordShardConfig.of(TOKEN, List.of(), 1).withEndpoints(discord.restUrl(), discord.gatewayUrl());
      try (DiscordShards shards = DiscordShards.start(config, remote, CommandTrigger.defaults(), timer)) {
        if (!shards.awaitConnected(30, TimeUnit.SECONDS)) throw new IllegalStateException("shard did not connect");
        Replies replies = new Replies(discord);
        FakeUser user = FakeUser.person(4242, "Loader");

        // Warm-up: JIT, connections, the core's caches.
        paced(discord, guilds, user, replies, 200, Math.min(2000, 20 * rate), timer);

        Thread.sleep(SETTLE_MILLIS);
        // Baseline and shard runs alternate in halves, so a slow spell of the shared machine
        // lands on both rather than on one.
        int half = rate * seconds / 2;
        long[] direct1 = pacedDirect(remote, guilds, rate, half, timer);
        long[] e2e1 = paced(discord, guilds, user, replies, rate, half, timer);
        long[] direct2 = pacedDirect(remote, guilds, rate, half, timer);
        long[] e2e2 = paced(discord, guilds, user, replies, rate, half, timer);
        long[] direct = merged(direct1, direct2);
        long[] e2e = merged(e2e1, e2e2);
        double throughput = throughput(discord, guilds, user, replies, window, throughputSeconds);

        // The shard's own path: the same shard code with a core that answers at once, in process.
        long[] shardOnly = shardOnly(rate, seconds, guildCount, timer);
        report(rate, seconds, guildCount, e2e, direct, shardOnly, throughput, window);
      }
    } finally {
      timer.shutdownNow();
    }
  }

  /** Runs the paced load through a second shard whose core answers at once, without the network. */
  static long[] shardOnly(int rate, int seconds, int guildCount, ScheduledExecutorService timer) throws Exception {
    try (FakeDiscord discord = FakeDiscord.start(TOKEN)) {
      List<FakeGuild> guilds = new ArrayList<>();
      for (int i = 0; i < guildCount; i++) guilds.add(discord.addGuild(FakeDiscord.guildIdOnShard(0, 1, i), "g" + i));
      DiscordShardConfig config =
          DiscordShardConfig.of(TOKEN, List.of(), 1).withEndpoints(discord.restUrl(), discord.gatewayUrl());
      try (DiscordShards shards = DiscordShards.start(config, new InstantCore(), CommandTrigger.defaults(), timer)) {
        if (!shards.awaitConnected(30, TimeUnit.SECONDS)) throw new IllegalStateException("shard did not connect");
        Replies replies = new Replies(discord);
        FakeUser user = FakeUser.person(4243, "Loader");
        paced(discord, guilds, user, replies, 200, Math.min(2000, 20 * rate), timer);
        Thread.sleep(SETTLE_MILLIS);
        return paced(discord, guilds, user, replies, rate, rate * seconds, timer);
      }
    }
  }

  /** A core that answers every command at once with a fixed text. */
  static final class InstantCore implements CoreService {
    @Override
    public CompletableFuture<CoreReply> command(CoreCommand command) {
      return CompletableFuture.completedFuture(new CoreReply("2d6 (3, 4) + 3 = `10`", 1));
    }

    @Override
    public CompletableFuture<PlugInfo> putPlug(String channel, String name, String user, byte[] wasm) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<List<PlugInfo>> listPlugs(String channel) {
      return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<Void> removePlug(String channel, String name) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Distribution> stats(String expr) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<Void> reportStatus(ShardStatus status) {
      return CompletableFuture.completedFuture(null);
    }
  }

  /** Matches the bot's replies to the messages sent and records the latency of each. */
  static final class Replies {
    final Map<Long, Long> latencyNanos = new ConcurrentHashMap<>();
    final FakeDiscord discord;
    volatile Runnable onReply;

    Replies(FakeDiscord discord) {
      this.discord = discord;
      discord.onOutgoing(this::seen);
    }

    private void seen(Outgoing o) {
      if (o.kind() != Outgoing.Kind.MESSAGE || o.replyTo() == 0) return;
      Long sent = discord.dispatchedAt(o.replyTo());
      if (sent == null) return;
      latencyNanos.put(o.replyTo(), o.receivedNanos() - sent);
      Runnable hook = onReply;
      if (hook != null) hook.run();
    }
  }

  /** Sends {@code count} messages at {@code rate} per second; returns the reply latencies. */
  static long[] paced(
      FakeDiscord discord, List<FakeGuild> guilds, FakeUser user, Replies replies, int rate, int count,
      ScheduledExecutorService timer) throws InterruptedException {
    List<Long> ids = new ArrayList<>(count);
    CountDownLatch done = new CountDownLatch(count);
    AtomicInteger next = new AtomicInteger();
    long periodNanos = 1_000_000_000L / rate;
    ScheduledFuture<?> sender =
        timer.scheduleAtFixedRate(
            () -> {
              int i = next.getAndIncrement();
              if (i >= count) return;
              long id = discord.send(guilds.get(i % guilds.size()), user, COMMAND);
              synchronized (ids) {
                ids.add(id);
              }
              done.countDown();
            },
            0, periodNanos, TimeUnit.NANOSECONDS);
    done.await();
    sender.cancel(false);
    awaitReplies(replies, ids, Duration.ofSeconds(30));
    return latencies(replies, ids);
  }

  private static void awaitReplies(Replies replies, List<Long> ids, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      synchronized (ids) {
        for (long id : ids) all &= replies.latencyNanos.containsKey(id);
      }
      if (all) return;
      Thread.sleep(20);
    }
  }

  private static long[] latencies(Replies replies, List<Long> ids) {
    synchronized (ids) {
      return ids.stream().map(replies.latencyNanos::get).filter(x -> x != null).mapToLong(Long::longValue).sorted().toArray();
    }
  }

  /** The baseline: the same commands at the same rate straight to the core. */
  static long[] pacedDirect(CoreService core, List<FakeGuild> guilds, int rate, int count, ScheduledExecutorService timer)
      throws InterruptedException {
    long[] out = new long[count];
    Arrays.fill(out, -1);
    CountDownLatch answered = new CountDownLatch(count);
    AtomicInteger next = new AtomicInteger();
    ScheduledFuture<?> sender =
        timer.scheduleAtFixedRate(
            () -> {
              int i = next.getAndIncrement();
              if (i >= count) return;
              FakeGuild g = guilds.get(i % guilds.size());
              long start = System.nanoTime();
              core.command(new CoreCommand(Long.toString(g.channelId()), Long.toString(g.id()), "4242", "Loader", COMMAND, false, null))
                  .whenComplete((r, e) -> {
                    if (e == null) out[i] = System.nanoTime() - start;
                    answered.countDown();
                  });
            },
            0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
    answered.await(count / rate + 30, TimeUnit.SECONDS);
    sender.cancel(false);
    return Arrays.stream(out).filter(x -> x >= 0).sorted().toArray();
  }

  /** Closed loop with {@code window} messages in flight; returns replies per second. */
  static double throughput(FakeDiscord discord, List<FakeGuild> guilds, FakeUser user, Replies replies, int window, int seconds)
      throws InterruptedException {
    Semaphore slots = new Semaphore(window);
    AtomicInteger answered = new AtomicInteger();
    replies.onReply = () -> {
      answered.incrementAndGet();
      slots.release();
    };
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    int i = 0;
    while (System.nanoTime() < end) {
      if (slots.tryAcquire(1, TimeUnit.SECONDS)) discord.send(guilds.get(i++ % guilds.size()), user, COMMAND);
    }
    slots.tryAcquire(window, 30, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    replies.onReply = null;
    return answered.get() / elapsed;
  }

  static String cpu() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
    } catch (IOException | UncheckedIOException e) {
      return "?";
    }
  }

  static void report(
      int rate, int seconds, int guilds, long[] e2e, long[] direct, long[] shardOnly, double throughput, int window) {
    String cpu = cpu();
    System.out.printf(Locale.ROOT, "shard load run, %s, %d cores (%s)%n", Instant.now(), Runtime.getRuntime().availableProcessors(), cpu);
    System.out.printf(Locale.ROOT, "rate %d msg/s for %d s over %d guilds%n", rate, seconds, guilds);
    System.out.println("| path | messages | p50 ms | p90 ms | p99 ms | max ms |");
    System.out.println("| --- | --- | --- | --- | --- | --- |");
    row("gateway dispatch -> reply at REST (shard + core)", e2e);
    row("core only, same client (baseline)", direct);
    row("shard only: gateway dispatch -> reply at REST, instant in-process core", shardOnly);
    System.out.printf(
        Locale.ROOT, "shard overhead: p50 %.2fx, p99 %.2fx the baseline%n",
        pct(e2e, 50) / Math.max(1e-9, pct(direct, 50)), pct(e2e, 99) / Math.max(1e-9, pct(direct, 99)));
    System.out.printf(Locale.ROOT, "throughput (window %d): %.0f messages/s end to end%n", window, throughput);
  }

  private static void row(String name, long[] nanos) {
    System.out.printf(
        Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f |%n",
        name, nanos.length, pct(nanos, 50), pct(nanos, 90), pct(nanos, 99), nanos.length == 0 ? 0 : nanos[nanos.length - 1] / 1e6);
  }

  static double pct(long[] sorted, double p) {
    if (sorted.length == 0) return Double.NaN;
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
      out.put(args[i].substring(2), args[i + 1]);
    }
    return out;
  }
}
