package sidekick.bot.commands;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.bot.core.CoreCommand;
import sidekick.bot.core.CoreReply;
import sidekick.bot.core.CoreService;
import sidekick.bot.core.RetryingCoreService;

/**
 * What every shard (Discord or terminal) can do, independent of the chat platform. Each operation
 * answers with the text to post; failures become polite messages, so a caller never sees an
 * exception.
 */
public final class ShardCommands {
  private static final Logger log = LoggerFactory.getLogger(ShardCommands.class);

  private final CoreService core;
  private final CommandTrigger trigger;
  private final AtomicInteger inFlight = new AtomicInteger();

  public ShardCommands(CoreService core, CommandTrigger trigger) {
    this.core = core;
    this.trigger = trigger;
  }

  public CommandTrigger trigger() {
    return trigger;
  }

  /** Commands sent to the core and not answered yet (the "queue" of a status report). */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * A chat message: sent to the core if the trigger says so, with the attachment (fetched only
   * when the message adds a plug). Empty when there is nothing to post.
   */
  public CompletableFuture<Optional<Answer>> message(
      Origin origin, String text, Supplier<CompletableFuture<CoreCommand.Attachment>> attachment) {
    Optional<String> coreText = trigger.coreText(text);
    if (coreText.isEmpty()) return CompletableFuture.completedFuture(Optional.empty());
    String command = coreText.get();
    // Only a plug upload by someone allowed to make it is worth downloading; the core answers the rest.
    boolean upload = CommandTrigger.isPlugAdd(command) && origin.canManagePlugs() && attachment != null;
    return track(
        () -> (upload ? attachment.get() : CompletableFuture.<CoreCommand.Attachment>completedFuture(null))
            .thenCompose(att -> core.command(toCore(origin, command, att)))
            .thenApply(ShardCommands::answer),
        failure -> Optional.of(Answer.of(failure)));
  }

  /** A command typed as it is (the terminal shard: every line is a command for the core). */
  public CompletableFuture<Optional<Answer>> raw(Origin origin, String text) {
    return track(
        () -> core.command(toCore(origin, text.strip(), null)).thenApply(ShardCommands::answer),
        t -> Optional.of(Answer.of(t)));
  }

  /** The {@code /r EXPR} slash command. */
  public CompletableFuture<Answer> roll(Origin origin, String expr) {
    String command = CommandTrigger.CORE_PREFIX + " " + expr.strip();
    return track(
        () -> core.command(toCore(origin, command, null))
            .thenApply(r -> answer(r).orElse(Answer.of("🎲 `" + expr.strip() + "` is not something I can roll."))),
        Answer::of);
  }

  private static Optional<Answer> answer(CoreReply reply) {
    return reply.text().map(t -> new Answer(Replies.fit(t), reply.ephemeral()));
  }

  public CompletableFuture<Answer> plugAdd(Origin origin, String name, Supplier<CompletableFuture<byte[]>> wasm) {
    if (!origin.canManagePlugs()) return CompletableFuture.completedFuture(new Answer(Replies.NO_PLUG_RIGHT, true));
    return track(
        () -> wasm.get()
            .thenCompose(bytes -> core.putPlug(origin.channel(), name, origin.user(), bytes))
            .thenApply(p -> Answer.of(Replies.plugAdded(p))),
        Answer::of);
  }

  public CompletableFuture<Answer> plugRemove(Origin origin, String name) {
    if (!origin.canManagePlugs()) return CompletableFuture.completedFuture(new Answer(Replies.NO_PLUG_RIGHT, true));
    return track(() -> core.removePlug(origin.channel(), name).thenApply(v -> Answer.of(Replies.plugRemoved(name))), Answer::of);
  }

  public CompletableFuture<Answer> plugList(Origin origin) {
    return track(() -> core.listPlugs(origin.channel()).thenApply(l -> Answer.of(Replies.plugList(l))), Answer::of);
  }

  public CompletableFuture<Answer> plugStats(Origin origin) {
    return track(() -> core.listPlugs(origin.channel()).thenApply(l -> Answer.of(Replies.plugStats(l))), Answer::of);
  }

  public CompletableFuture<Answer> stats(String expr) {
    return track(() -> core.stats(expr.strip()).thenApply(d -> Answer.of(Replies.fit(Replies.distribution(d)))), Answer::of);
  }

  private static CoreCommand toCore(Origin origin, String text, CoreCommand.Attachment attachment) {
    return new CoreCommand(
        origin.channel(), origin.server(), origin.user(), origin.userName(), text, origin.canManagePlugs(), attachment,
        origin.eventKey());
  }

  /** Counts the call in flight and turns any failure into a polite message of the result type. */
  private <T> CompletableFuture<T> track(Supplier<CompletableFuture<T>> call, Function<String, T> politeFailure) {
    inFlight.incrementAndGet();
    CompletableFuture<T> started;
    try {
      started = call.get();
    } catch (RuntimeException e) {
      started = CompletableFuture.failedFuture(e);
    }
    return started.handle(
        (value, error) -> {
          inFlight.decrementAndGet();
          if (error == null) return value;
          Throwable cause = RetryingCoreService.unwrap(error);
          if (Replies.forFailure(cause).equals(Replies.INTERNAL)) log.error("command failed", cause);
          else log.debug("command refused or core unreachable: {}", cause.toString());
          return politeFailure.apply(Replies.forFailure(cause));
        });
  }
}
