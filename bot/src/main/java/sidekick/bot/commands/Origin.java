package sidekick.bot.commands;

/**
 * Where a command comes from: the channel (a plug scope on the core), the server, who sent it, and
 * whether that person may manage plugs in the channel (Manage Channels or Administrator on Discord).
 */
public record Origin(String channel, String server, String user, String userName, boolean canManagePlugs) {}
