package sidekick.bot.discord;

import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.bot.commands.Answer;
import sidekick.bot.commands.Origin;
import sidekick.bot.commands.ShardCommands;

/** The slash commands of {@link SlashCommandCatalog}, each answered through a {@link DeferringReplier}. */
final class SlashCommandListener extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(SlashCommandListener.class);

  private final ShardCommands commands;
  private final AttachmentDownloader downloader;
  private final DeferringReplier replier;

  SlashCommandListener(ShardCommands commands, AttachmentDownloader downloader, DeferringReplier replier) {
    this.commands = commands;
    this.downloader = downloader;
    this.replier = replier;
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    try {
      CompletableFuture<Answer> answer = dispatch(event);
      if (answer != null) replier.answer(event, answer);
    } catch (RuntimeException e) {
      log.error("slash command /{} not handled", event.getFullCommandName(), e);
    }
  }

  private CompletableFuture<Answer> dispatch(SlashCommandInteractionEvent event) {
    Origin origin = origin(event);
    switch (event.getName()) {
      case SlashCommandCatalog.ROLL_SHORT:
      case SlashCommandCatalog.ROLL:
        return commands.roll(origin, text(event, SlashCommandCatalog.EXPR));
      case SlashCommandCatalog.STATS:
        return commands.stats(text(event, SlashCommandCatalog.EXPR));
      case SlashCommandCatalog.PLUG:
        return plug(event, origin);
      default:
        return null; // a command of another version of the bot: not ours to answer
    }
  }

  private CompletableFuture<Answer> plug(SlashCommandInteractionEvent event, Origin origin) {
    String sub = event.getSubcommandName() == null ? "" : event.getSubcommandName();
    switch (sub) {
      case "add":
        Message.Attachment file = event.getOption(SlashCommandCatalog.FILE, OptionMapping::getAsAttachment);
        String name = text(event, SlashCommandCatalog.NAME);
        return commands.plugAdd(origin, name, () -> downloader.download(file));
      case "rm":
        return commands.plugRemove(origin, text(event, SlashCommandCatalog.NAME));
      case "ls":
        return commands.plugList(origin);
      case "stats":
        return commands.plugStats(origin);
      default:
        return CompletableFuture.completedFuture(Answer.of("Unknown plug command: " + sub));
    }
  }

  private static String text(SlashCommandInteractionEvent event, String option) {
    String value = event.getOption(option, OptionMapping::getAsString);
    return value == null ? "" : value;
  }

  private static Origin origin(SlashCommandInteractionEvent event) {
    String user = event.getUser().getId();
    if (event.getGuild() == null) {
      return new Origin(
          event.getChannelId(), MessageCommandListener.DM_SERVER, user, event.getUser().getEffectiveName(), true,
          "discord-interaction-" + event.getId());
    }
    String name = event.getMember() != null ? event.getMember().getEffectiveName() : event.getUser().getEffectiveName();
    boolean canManage = Permissions.canManagePlugs(event.getMember(), event.getGuildChannel());
    return new Origin(
        event.getChannelId(), event.getGuild().getId(), user, name, canManage, "discord-interaction-" + event.getId());
  }
}
