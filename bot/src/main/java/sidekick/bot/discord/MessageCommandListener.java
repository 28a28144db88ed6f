package sidekick.bot.discord;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.bot.commands.Answer;
import sidekick.bot.commands.Origin;
import sidekick.bot.commands.ShardCommands;
import sidekick.bot.core.CoreCommand;

/**
 * Chat messages: {@code /r ...} and {@code !r ...} commands and inline rolls. Messages from bots,
 * webhooks and the system are ignored. Answers go out as Discord replies to the message.
 */
final class MessageCommandListener extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(MessageCommandListener.class);

  static final String PRIVATE_NOTE = "📬 I sent you the answer in a direct message.";
  static final String NO_DM_NOTE =
      "📪 That answer is private and I could not send you a direct message: use the slash command instead.";

  /** The server name sent to the core for direct messages. */
  static final String DM_SERVER = "dm";

  private final ShardCommands commands;
  private final AttachmentDownloader downloader;
  private final ReplyAuthors replyAuthors;

  MessageCommandListener(ShardCommands commands, AttachmentDownloader downloader, ReplyAuthors replyAuthors) {
    this.commands = commands;
    this.downloader = downloader;
    this.replyAuthors = replyAuthors;
  }

  @Override
  public void onMessageReceived(MessageReceivedEvent event) {
    try {
      handle(event);
    } catch (RuntimeException e) {
      log.error("message {} not handled", event.getMessageId(), e);
    }
  }

  private void handle(MessageReceivedEvent event) {
    if (event.getAuthor().isBot() || event.getAuthor().isSystem() || event.isWebhookMessage()) return;
    Message message = event.getMessage();
    String text = withoutLeadingMention(message.getContentRaw(), event.getJDA().getSelfUser().getIdLong());
    if (commands.trigger().coreText(text).isEmpty()) return;
    Origin origin = origin(event);
    long asker = event.getAuthor().getIdLong();
    commands
        .message(origin, text, () -> firstAttachment(message.getAttachments()))
        .thenAccept(answer -> answer.ifPresent(a -> post(message, a)));
  }

  private void post(Message message, Answer answer) {
    long asker = message.getAuthor().getIdLong();
    if (answer.privately()) {
      // A secret (an app binding code) goes by direct message; the channel only hears where it went.
      message.getAuthor()
          .openPrivateChannel()
          .flatMap(dm -> dm.sendMessage(answer.text()))
          .queue(
              sent -> reply(message, asker, PRIVATE_NOTE),
              error -> reply(message, asker, NO_DM_NOTE));
      return;
    }
    reply(message, asker, answer.text());
  }

  private void reply(Message message, long asker, String text) {
    message
        .reply(text)
        .mentionRepliedUser(false)
        .queue(
            sent -> replyAuthors.remember(sent.getIdLong(), asker),
            error -> log.warn("reply to {} not posted: {}", message.getId(), error.toString()));
  }

  /**
   * Drops a leading mention of the bot ({@code <@id>} or {@code <@!id>}): without the
   * message-content intent, mentions are the only guild messages whose text the bot can read.
   */
  static String withoutLeadingMention(String content, long selfId) {
    String text = content.strip();
    for (String mention : new String[] {"<@" + selfId + ">", "<@!" + selfId + ">"}) {
      if (text.startsWith(mention)) return text.substring(mention.length()).strip();
    }
    return text;
  }

  private Origin origin(MessageReceivedEvent event) {
    String name = event.getMember() != null ? event.getMember().getEffectiveName() : event.getAuthor().getEffectiveName();
    if (!event.isFromGuild()) {
      // In a direct message the user owns the conversation, plugs included.
      return new Origin(event.getChannel().getId(), DM_SERVER, event.getAuthor().getId(), name, true, key(event));
    }
    boolean canManage = Permissions.canManagePlugs(event.getMember(), event.getGuildChannel());
    return new Origin(
        event.getChannel().getId(), event.getGuild().getId(), event.getAuthor().getId(), name, canManage, key(event));
  }

  /** Discord message ids are unique: a redelivered message (after a gateway resume) rolls once. */
  private static String key(MessageReceivedEvent event) {
    return "discord-message-" + event.getMessageId();
  }

  private CompletableFuture<CoreCommand.Attachment> firstAttachment(List<Message.Attachment> attachments) {
    if (attachments.isEmpty()) return CompletableFuture.completedFuture(null);
    Message.Attachment file = attachments.get(0);
    return downloader.download(file).thenApply(bytes -> new CoreCommand.Attachment(file.getFileName(), bytes));
  }
}
