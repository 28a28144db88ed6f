package sidekick.store.usage;

/**
 * Usage gathered in memory since the last flush (or read back from the database). Not thread-safe by
 * itself: {@link UsageRecorder} guards each counter.
 */
public final class UsageCounter {
  long calls;
  long errors;
  long totalMicros;
  long recentStart;
  long recentCalls;
  long recentMicros;
  long bytesIn;
  long bytesOut;
  long lastUsed; // epoch millis, 0 = never
  final LatencyHistogram histogram;

  public UsageCounter() {
    this(new LatencyHistogram());
  }

  UsageCounter(LatencyHistogram histogram) {
    this.histogram = histogram;
  }

  void record(long micros, boolean ok, long in, long out, long nowMillis) {
    calls++;
    if (!ok) errors++;
    long m = Math.max(0, micros);
    totalMicros += m;
    recentCalls++;
    recentMicros += m;
    bytesIn += Math.max(0, in);
    bytesOut += Math.max(0, out);
    lastUsed = Math.max(lastUsed, nowMillis);
    if (recentStart == 0) recentStart = nowMillis;
    histogram.record(m);
  }

  /**
   * Adds a newer counter. The recent counters are a tumbling window: when {@code newer} starts a
   * window later than {@code windowMillis} after ours, ours is dropped.
   */
  void merge(UsageCounter newer, long windowMillis) {
    addTotals(newer);
    if (newer.recentCalls == 0) return;
    if (recentStart == 0 || newer.recentStart - recentStart >= windowMillis) {
      recentStart = newer.recentStart;
      recentCalls = newer.recentCalls;
      recentMicros = newer.recentMicros;
    } else {
      recentCalls += newer.recentCalls;
      recentMicros += newer.recentMicros;
    }
  }

  /** Adds usage of the same period (another plug's, or a failed flush retried). */
  public void absorb(UsageCounter older) {
    addTotals(older);
    if (older.recentCalls == 0) return;
    recentStart = recentStart == 0 ? older.recentStart : Math.min(recentStart, older.recentStart);
    recentCalls += older.recentCalls;
    recentMicros += older.recentMicros;
  }

  private void addTotals(UsageCounter other) {
    calls += other.calls;
    errors += other.errors;
    totalMicros += other.totalMicros;
    bytesIn += other.bytesIn;
    bytesOut += other.bytesOut;
    lastUsed = Math.max(lastUsed, other.lastUsed);
    histogram.add(other.histogram);
  }

  /** The public view; recent counters older than the window read as zero. */
  public sidekick.store.UsageStats toStats(long nowMillis, long windowMillis) {
    boolean recentValid = recentStart != 0 && nowMillis - recentStart < windowMillis;
    return new sidekick.store.UsageStats(
        calls,
        errors,
        totalMicros,
        recentValid ? recentCalls : 0,
        recentValid ? recentMicros : 0,
        histogram.quantile(0.50),
        histogram.quantile(0.99),
        bytesIn,
        bytesOut,
        lastUsed == 0 ? null : java.time.Instant.ofEpochMilli(lastUsed));
  }

  public long calls() {
    return calls;
  }

  public long lastUsed() {
    return lastUsed;
  }

  UsageCounter copy() {
    UsageCounter c = new UsageCounter();
    c.merge(this, Long.MAX_VALUE);
    c.recentStart = recentStart;
    c.recentCalls = recentCalls;
    c.recentMicros = recentMicros;
    return c;
  }
}
