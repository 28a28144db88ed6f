package sidekick.bot.discord;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.bot.commands.Answer;

/**
 * Answers a slash command: directly when the answer comes quickly, else by deferring first (the
 * user sees "thinking...") and editing the deferred reply when the answer arrives. Discord drops
 * an interaction that is neither answered nor deferred within 3 seconds.
 */
final class DeferringReplier {
  private static final Logger log = LoggerFactory.getLogger(DeferringReplier.class);
  private static final int PENDING = 0;
  private static final int ANSWERED = 1;
  private static final int DEFERRED = 2;

  private final Duration deferAfter;
  private final ScheduledExecutorService timer;

  DeferringReplier(Duration deferAfter, ScheduledExecutorService timer) {
    this.deferAfter = deferAfter;
    this.timer = timer;
  }

  /** Fills in a deferred reply; a private answer replaces the public "thinking" with an ephemeral follow-up. */
  private static void afterDefer(SlashCommandInteractionEvent event, Answer a) {
    if (!a.privately()) {
      event.getHook().editOriginal(a.text()).queue(null, e -> log.warn("deferred reply not posted: {}", e.toString()));
      return;
    }
    event.getHook()
        .deleteOriginal()
        .flatMap(v -> event.getHook().sendMessage(a.text()).setEphemeral(true))
        .queue(null, e -> log.warn("private deferred reply not posted: {}", e.toString()));
  }

  void answer(SlashCommandInteractionEvent event, CompletableFuture<Answer> answer) {
    AtomicInteger state = new AtomicInteger(PENDING);
    CompletableFuture<Void> deferred = new CompletableFuture<>();
    Runnable defer =
        () -> {
          if (!state.compareAndSet(PENDING, DEFERRED)) return;
          event.deferReply().queue(hook -> deferred.complete(null), deferred::completeExceptionally);
        };
    if (deferAfter.isZero()) defer.run();
    else timer.schedule(defer, deferAfter.toMillis(), TimeUnit.MILLISECONDS);

    answer.thenAccept(
        a -> {
          if (state.compareAndSet(PENDING, ANSWERED)) {
            event.reply(a.text()).setEphemeral(a.privately()).queue(null, e -> log.warn("slash reply not posted: {}", e.toString()));
            return;
          }
          deferred.thenRun(() -> afterDefer(event, a))
              .exceptionally(
                  e -> {
                    log.warn("slash command {} could not be deferred: {}", event.getName(), e.toString());
                    return null;
                  });
        });
  }
}
