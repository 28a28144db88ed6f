package sidekick.bot.discord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers who asked for each of the bot's recent replies, so that the asker's ✂ reaction can
 * delete the reply without a REST lookup. Bounded: older replies fall back to a lookup.
 */
final class ReplyAuthors {
  /** Replies remembered per process. */
  static final int CAPACITY = 50_000;

  private final Map<Long, Long> authorByReply;

  ReplyAuthors(int capacity) {
    this.authorByReply =
        new LinkedHashMap<>(1024, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized void remember(long replyId, long askerId) {
    authorByReply.put(replyId, askerId);
  }

  /** The asker of a reply, or null when it is not (or no longer) known. */
  synchronized Long asker(long replyId) {
    return authorByReply.get(replyId);
  }

  synchronized void forget(long replyId) {
    authorByReply.remove(replyId);
  }
}
