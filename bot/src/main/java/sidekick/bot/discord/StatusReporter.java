package sidekick.bot.discord;

import java.util.function.IntSupplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.bot.core.CoreService;
import sidekick.bot.core.ShardStatus;

/** Reports each shard's state to the core: on every change of state and periodically. */
final class StatusReporter extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(StatusReporter.class);

  private final CoreService core;
  private final IntSupplier queue;
  private volatile ShardManager manager;

  StatusReporter(CoreService core, IntSupplier queue) {
    this.core = core;
    this.queue = queue;
  }

  void attach(ShardManager manager) {
    this.manager = manager;
  }

  @Override
  public void onStatusChange(StatusChangeEvent event) {
    report(event.getJDA());
  }

  @Override
  public void onReady(ReadyEvent event) {
    report(event.getJDA()); // the guilds are known only now
  }

  /** Reports every shard of the process; called by the periodic timer. */
  void reportAll() {
    ShardManager m = manager;
    if (m == null) return;
    try {
      m.getShardCache().forEach(this::report);
    } catch (RuntimeException e) {
      log.warn("shard status not reported: {}", e.toString());
    }
  }

  static ShardStatus statusOf(JDA jda, int queue) {
    JDA.ShardInfo info = jda.getShardInfo();
    return new ShardStatus(
        info.getShardId(),
        info.getShardTotal(),
        jda.getStatus().name(),
        (int) jda.getGuildCache().size(),
        Math.max(0, jda.getGatewayPing()),
        queue);
  }

  private void report(JDA jda) {
    // Before login the shard does not know its id yet.
    if (jda.getStatus() == JDA.Status.INITIALIZING || jda.getStatus() == JDA.Status.INITIALIZED) return;
    ShardStatus status = statusOf(jda, queue.getAsInt());
    core.reportStatus(status)
        .whenComplete(
            (ok, error) -> {
              if (error != null) log.debug("status of shard {} not reported: {}", status.shard(), error.toString());
            });
  }
}
