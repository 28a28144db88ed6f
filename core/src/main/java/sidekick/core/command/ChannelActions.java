package sidekick.core.command;

import sidekick.core.PlugUpload;

/**
 * Changes a chat command may make beyond its own reply, done by the core exactly as the same HTTP call
 * would (with its events): plug installs and removals, app token revocation.
 */
public interface ChannelActions {
  PlugUpload installPlug(String channel, String name, String server, String user, byte[] wasm);

  boolean removePlug(String channel, String name, String user);

  /** Revokes the user's app tokens in the channel; returns how many. */
  int revokeApps(String channel, String user);

  /** A one-time code for {@code /r bind app}. */
  String issueBindCode(String channel, String user, boolean canManagePlugs);
}
