package sidekick.core;

/**
 * A chat message forwarded to the core: the body of {@code POST /v1/commands} (and of the WebSocket
 * {@code command} event). {@code server}, {@code userName} and {@code attachment} may be null.
 * {@code canManagePlugs} is trusted from shards and admins; for app tokens the token's own right is used.
 */
public record CommandRequest(
    String channel,
    String server,
    String user,
    String userName,
    String text,
    boolean canManagePlugs,
    Attachment attachment) {

  /** A request without attachment. */
  public static CommandRequest of(String channel, String user, String text, boolean canManagePlugs) {
    return new CommandRequest(channel, null, user, user, text, canManagePlugs, null);
  }
}
