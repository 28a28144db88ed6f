package sidekick.bot.discord;

import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ✂ reaction on one of the bot's replies, by the person the reply answered, deletes the reply.
 * Anyone else's scissors are ignored.
 */
final class ScissorsListener extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ScissorsListener.class);

  private final ReplyAuthors replyAuthors;

  ScissorsListener(ReplyAuthors replyAuthors) {
    this.replyAuthors = replyAuthors;
  }

  static boolean isScissors(Emoji emoji) {
    return emoji.getType() == Emoji.Type.UNICODE && emoji.getName().replace("\uFE0F", "").equals("\u2702");
  }

  @Override
  public void onMessageReactionAdd(MessageReactionAddEvent event) {
    try {
      if (!isScissors(event.getEmoji())) return;
      long self = event.getJDA().getSelfUser().getIdLong();
      if (event.getMessageAuthorIdLong() != self || event.getUserIdLong() == self) return;
      long reply = event.getMessageIdLong();
      Long asker = replyAuthors.asker(reply);
      if (asker != null) {
        if (asker == event.getUserIdLong()) delete(event, reply);
        return;
      }
      // Not remembered (an older reply or a slash answer): ask Discord whom the reply answered.
      event.retrieveMessage().queue(
          message -> {
            if (askerOf(message) == event.getUserIdLong()) delete(event, reply);
          },
          e -> log.debug("reacted message {} not found: {}", reply, e.toString()));
    } catch (RuntimeException e) {
      log.error("reaction on {} not handled", event.getMessageId(), e);
    }
  }

  private static long askerOf(Message message) {
    if (message.getInteractionMetadata() != null) return message.getInteractionMetadata().getUser().getIdLong();
    Message referenced = message.getReferencedMessage();
    return referenced == null ? 0 : referenced.getAuthor().getIdLong();
  }

  private void delete(MessageReactionAddEvent event, long reply) {
    event.getChannel().deleteMessageById(reply).queue(
        ok -> replyAuthors.forget(reply), e -> log.warn("reply {} not deleted: {}", reply, e.toString()));
  }
}
