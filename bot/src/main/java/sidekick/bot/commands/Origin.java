package sidekick.bot.commands;

/**
 * Where a command comes from: the channel (a plug scope on the core), the server, who sent it,
 * whether that person may manage plugs in the channel (Manage Channels or Administrator on
 * Discord), and a key unique to the chat event (the Discord message or interaction id, null when
 * there is none) so that a command sent twice runs once.
 */
public record Origin(
    String channel, String server, String user, String userName, boolean canManagePlugs, String eventKey) {

  public Origin(String channel, String server, String user, String userName, boolean canManagePlugs) {
    this(channel, server, user, userName, canManagePlugs, null);
  }
}
