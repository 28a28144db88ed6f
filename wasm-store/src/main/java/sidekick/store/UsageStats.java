package sidekick.store;

import java.time.Instant;

/**
 * Usage of one plug (or one blob, summed over every plug that holds it). Includes calls recorded in
 * memory and not yet flushed to the database.
 *
 * @param calls calls since the plug (or blob) was first stored
 * @param errors calls that failed (trap, limit, error returned by the plug)
 * @param totalMicros summed execution time of all calls
 * @param recentCalls calls within the recent window ({@link StoreConfig#recentWindow()})
 * @param recentMicros summed execution time of the recent calls
 * @param p50Micros median execution time per call (0 when no call), from a log-bucket histogram
 *     (about 9% resolution)
 * @param p99Micros 99th percentile execution time per call (0 when no call)
 * @param bytesIn bytes of input given to the plug
 * @param bytesOut bytes of output produced by the plug
 * @param lastUsed time of the last call, or null when never called
 */
public record UsageStats(
    long calls,
    long errors,
    long totalMicros,
    long recentCalls,
    long recentMicros,
    long p50Micros,
    long p99Micros,
    long bytesIn,
    long bytesOut,
    Instant lastUsed) {

  /** No call at all. */
  public static final UsageStats NONE = new UsageStats(0, 0, 0, 0, 0, 0, 0, 0, 0, null);
}
