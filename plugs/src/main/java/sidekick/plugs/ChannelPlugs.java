package sidekick.plugs;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One channel's plugs, run as a chain in ascending order of plug name (so owners order plugs by
 * naming them, e.g. {@code 10-attack}, {@code 20-spells}). Thread-safe; installing, replacing and
 * removing never pause or fail the calls in flight, which finish on the version they started with.
 */
public interface ChannelPlugs {
  String channel();

  /** Installs or hot-swaps the plug {@code name} (no config). */
  default PlugInfo install(String name, PlugModule module) {
    return install(name, module, Map.of());
  }

  /**
   * Installs or hot-swaps the plug {@code name}; {@code config} is what the plug reads with Extism
   * {@code config_get}. Vars set by the previous version are kept across a swap.
   *
   * @throws IllegalStateException when the channel already has {@link
   *     PlugLimits#maxPlugsPerChannel()} other plugs
   */
  PlugInfo install(String name, PlugModule module, Map<String, String> config);

  /**
   * Installs or swaps an HTTP plug: each call POSTs the same JSON to {@code url} and reads the
   * same JSON answer, under the same time and output limits.
   *
   * @throws PlugRejectedException when the URL is not http(s) or its host is not allowed
   */
  PlugInfo installHttp(String name, URI url) throws PlugRejectedException;

  /** Removes a plug; calls in flight finish. Returns false if there was none. */
  boolean remove(String name);

  /** The installed plugs in chain order, with their metrics. */
  List<PlugInfo> list();

  Optional<PlugInfo> get(String name);

  /**
   * Runs the chain on a command: each plug sees the segments left by the previous one; {@code
   * reply} stops the chain; a fault counts against the plug and the chain goes on without its
   * output. Completes normally in every case (never exceptionally).
   */
  CompletableFuture<ChainResult> run(CommandInput input);

  /**
   * Calls every plug exporting {@code before_reply} in chain order with the reply about to be
   * sent; a plug may replace it ({@code reply}, or {@code rewrite} whose segments are joined).
   * Completes with the reply to send.
   */
  CompletableFuture<String> beforeReply(CommandInput input, String reply);

  /** Calls every plug exporting {@code after_reply} with the reply just sent; outputs ignored. */
  CompletableFuture<Void> afterReply(CommandInput input, String reply);
}
