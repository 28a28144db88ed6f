package sidekick.bot.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sidekick.bot.core.CoreCommand;
import sidekick.bot.core.CoreReply;
import sidekick.bot.core.CoreRejectedException;
import sidekick.bot.core.CoreService;
import sidekick.bot.core.CoreUnavailableException;
import sidekick.bot.core.Distribution;
import sidekick.bot.core.PlugInfo;
import sidekick.bot.core.ShardStatus;

/**
 * A core for shard tests: answers {@code /r X} with {@code rolled X}, inline text with {@code
 * inline: TEXT}, keeps plugs in memory, records every call, and can be made unreachable or slow.
 */
public class InMemoryCore implements CoreService {
  public final List<CoreCommand> commands = new CopyOnWriteArrayList<>();
  public final List<ShardStatus> statuses = new CopyOnWriteArrayList<>();
  public final Map<String, Map<String, byte[]>> plugs = new ConcurrentHashMap<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile Duration delay = Duration.ZERO;

  /** The next {@code n} calls fail as if the core were down. */
  public void failNext(int n) {
    failuresLeft.set(n);
  }

  /** Every answer comes this late. */
  public void slowBy(Duration d) {
    delay = d;
  }

  private <T> CompletableFuture<T> answer(java.util.function.Supplier<T> value) {
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return CompletableFuture.failedFuture(new CoreUnavailableException("connection refused", null));
    }
    if (delay.isZero()) {
      try {
        return CompletableFuture.completedFuture(value.get());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return CompletableFuture.supplyAsync(value, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Override
  public CompletableFuture<CoreReply> command(CoreCommand command) {
    return answer(
        () -> {
          commands.add(command);
          String text = command.text();
          if (text.startsWith("/r plug add ") && command.attachment() != null) {
            if (!command.canManagePlugs()) throw new CoreRejectedException(403, "you may not manage plugs here");
            String name = text.substring("/r plug add ".length()).strip();
            plugs.computeIfAbsent(command.channel(), c -> new ConcurrentHashMap<>()).put(name, command.attachment().bytes());
            return new CoreReply("plug " + name + " added (" + command.attachment().bytes().length + " bytes)", 5);
          }
          if (text.equals("/r bind app")) return new CoreReply("your code is SECRET-42", 5, true);
          if (text.startsWith("/r ")) return new CoreReply("rolled " + text.substring(3), 5);
          if (text.contains("d")) return new CoreReply("inline: " + text, 5);
          return CoreReply.none();
        });
  }

  @Override
  public CompletableFuture<PlugInfo> putPlug(String channel, String name, String user, byte[] wasm) {
    return answer(
        () -> {
          plugs.computeIfAbsent(channel, c -> new ConcurrentHashMap<>()).put(name, wasm);
          return PlugInfo.uploaded(name, "ab".repeat(32), wasm.length);
        });
  }

  @Override
  public CompletableFuture<List<PlugInfo>> listPlugs(String channel) {
    return answer(
        () -> {
          List<PlugInfo> out = new ArrayList<>();
          plugs.getOrDefault(channel, Map.of())
              .forEach((n, b) -> out.add(new PlugInfo(n, "cd".repeat(32), b.length, "42", "now", 3, 1, 120, 900)));
          return out;
        });
  }

  @Override
  public CompletableFuture<Void> removePlug(String channel, String name) {
    return answer(
        () -> {
          Map<String, byte[]> in = plugs.get(channel);
          if (in == null || in.remove(name) == null) throw new CoreRejectedException(404, "no plug named " + name);
          return null;
        });
  }

  @Override
  public CompletableFuture<Distribution> stats(String expr) {
    return answer(
        () ->
            new Distribution(
                expr, 1, 2, 1.5, 0.5, true, List.of(new Distribution.Point(1, 0.5), new Distribution.Point(2, 0.5))));
  }

  @Override
  public CompletableFuture<Void> reportStatus(ShardStatus status) {
    statuses.add(status);
    return CompletableFuture.completedFuture(null);
  }
}
