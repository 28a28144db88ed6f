package sidekick.plugs;

import java.util.List;
import java.util.Objects;

/**
 * A command as plugs see it (CONTRACT §4): the JSON input {@code {"v": 1, "text", "segments",
 * "channel", "server", "user", "userName"}}. {@code segments} starts as one non-final segment
 * holding {@code text}; the chain passes the rewritten segments to the next plug.
 */
public record CommandInput(
    String text,
    List<Segment> segments,
    String channel,
    String server,
    String user,
    String userName) {

  public CommandInput {
    Objects.requireNonNull(text, "text");
    segments = List.copyOf(segments);
    channel = Objects.requireNonNullElse(channel, "");
    server = Objects.requireNonNullElse(server, "");
    user = Objects.requireNonNullElse(user, "");
    userName = Objects.requireNonNullElse(userName, "");
  }

  /** A fresh command: its segments are the whole text, not final. */
  public static CommandInput of(
      String text, String channel, String server, String user, String userName) {
    return new CommandInput(
        text, List.of(Segment.open(text)), channel, server, user, userName);
  }

  /** The same command with other segments (what the next plug in the chain sees). */
  public CommandInput withSegments(List<Segment> newSegments) {
    return new CommandInput(text, newSegments, channel, server, user, userName);
  }
}
