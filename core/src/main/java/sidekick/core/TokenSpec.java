package sidekick.core;

/**
 * What a new token is for. App tokens need {@code user} and {@code channel}; other kinds ignore them.
 * {@code label} is a free note for operators ("eu shard", "Grog's phone").
 */
public record TokenSpec(TokenKind kind, String user, String channel, boolean canManagePlugs, String label) {
  public static TokenSpec shard(String label) {
    return new TokenSpec(TokenKind.SHARD, null, null, false, label);
  }

  public static TokenSpec app(String user, String channel, boolean canManagePlugs, String label) {
    return new TokenSpec(TokenKind.APP, user, channel, canManagePlugs, label);
  }
}
