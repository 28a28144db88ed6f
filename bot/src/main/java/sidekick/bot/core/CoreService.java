package sidekick.bot.core;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Everything a shard asks of the core. The shard code talks only to this interface, so it can be
 * tested against an in-memory core and run against the real one through shard-http's client.
 *
 * <p>Futures fail with {@link CoreUnavailableException} when the core cannot be reached (worth a
 * retry) and with {@link CoreRejectedException} when it answered with a refusal (show it to the
 * user, do not retry).
 */
public interface CoreService extends AutoCloseable {

  /** Runs one chat command; the reply is empty when the text was no command for the bot. */
  CompletableFuture<CoreReply> command(CoreCommand command);

  CompletableFuture<PlugInfo> putPlug(String channel, String name, String user, byte[] wasm);

  CompletableFuture<List<PlugInfo>> listPlugs(String channel);

  CompletableFuture<Void> removePlug(String channel, String name);

  CompletableFuture<Distribution> stats(String expr);

  CompletableFuture<Void> reportStatus(ShardStatus status);

  @Override
  default void close() {}
}
