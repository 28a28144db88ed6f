package sidekick.bot.discord;

import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the global slash commands once per bot: from shard 0 when it is ready, so that many
 * shard processes do not all overwrite the same commands.
 */
final class SlashCommandRegistrar extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(SlashCommandRegistrar.class);

  @Override
  public void onReady(ReadyEvent event) {
    if (event.getJDA().getShardInfo().getShardId() != 0) return;
    event.getJDA()
        .updateCommands()
        .addCommands(SlashCommandCatalog.commands())
        .queue(
            commands -> log.info("registered {} slash commands", commands.size()),
            error -> log.warn("slash commands not registered: {}", error.toString()));
  }
}
