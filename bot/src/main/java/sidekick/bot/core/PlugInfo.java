package sidekick.bot.core;

/** A plug installed in a channel, with its call statistics (fields the core did not send are 0 or null). */
public record PlugInfo(
    String name,
    String hash,
    long len,
    String uploadedBy,
    String uploadedAt,
    long calls,
    long errors,
    long p50Micros,
    long p99Micros) {

  public static PlugInfo uploaded(String name, String hash, long len) {
    return new PlugInfo(name, hash, len, null, null, 0, 0, 0, 0);
  }
}
