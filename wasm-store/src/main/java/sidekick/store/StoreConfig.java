package sidekick.store;

import java.time.Duration;

/**
 * Every limit and tuning knob of the store, with sane defaults ({@link #defaults()}). Immutable; use
 * the {@code withX} methods to change one value.
 *
 * @param maxModuleBytes largest module accepted, checked before anything is stored
 * @param maxNameBytes longest channel, plug, server or user name (UTF-8 bytes)
 * @param cacheBytes bound of the in-memory hot cache of decoded modules (0 disables it)
 * @param uploadLevel zstd level used on upload (fast)
 * @param compactLevel zstd level used by the background recompression of cold blobs (high)
 * @param deltaCandidates how many similar blobs an upload tries as a delta base
 * @param dictionaryMaxModuleBytes modules up to this size may use the trained dictionary
 * @param dictionaryBytes size of a trained dictionary
 * @param dictionaryMinSamples small modules needed before the first dictionary is trained; it is
 *     retrained when their number has doubled since the last training
 * @param usageFlushInterval how often recorded usage is written to the database
 * @param usageFlushPending flush earlier when this many plugs have unflushed usage
 * @param recentWindow span of the "recent" usage counters
 * @param coldAfter a blob unused for this long is recompressed at the high level
 * @param maintenanceInterval how often the background job runs gc and cold recompression; zero or
 *     negative disables the background job (gc and compact can still be called)
 * @param readConnections pooled read-only database connections (readers never wait for the writer)
 * @param busyTimeout how long a database write waits for another process's write lock
 */
public record StoreConfig(
    int maxModuleBytes,
    int maxNameBytes,
    long cacheBytes,
    int uploadLevel,
    int compactLevel,
    int deltaCandidates,
    int dictionaryMaxModuleBytes,
    int dictionaryBytes,
    int dictionaryMinSamples,
    Duration usageFlushInterval,
    int usageFlushPending,
    Duration recentWindow,
    Duration coldAfter,
    Duration maintenanceInterval,
    int readConnections,
    Duration busyTimeout) {

  public static final int DEFAULT_MAX_MODULE_BYTES = 8 << 20;
  /** The delta window must hold base + module; zstd decoders accept windows up to 2^27 by default. */
  public static final int HARD_MAX_MODULE_BYTES = 60 << 20;
  public static final int DEFAULT_MAX_NAME_BYTES = 200;
  public static final long DEFAULT_CACHE_BYTES = 64L << 20;
  public static final int DEFAULT_UPLOAD_LEVEL = 3;
  public static final int DEFAULT_COMPACT_LEVEL = 19;
  public static final int DEFAULT_DELTA_CANDIDATES = 3;
  public static final int DEFAULT_DICTIONARY_MAX_MODULE_BYTES = 64 << 10;
  public static final int DEFAULT_DICTIONARY_BYTES = 64 << 10;
  public static final int DEFAULT_DICTIONARY_MIN_SAMPLES = 16;
  public static final Duration DEFAULT_USAGE_FLUSH_INTERVAL = Duration.ofSeconds(2);
  public static final int DEFAULT_USAGE_FLUSH_PENDING = 1000;
  public static final Duration DEFAULT_RECENT_WINDOW = Duration.ofHours(1);
  public static final Duration DEFAULT_COLD_AFTER = Duration.ofHours(1);
  public static final Duration DEFAULT_MAINTENANCE_INTERVAL = Duration.ofMinutes(10);
  public static final int DEFAULT_READ_CONNECTIONS = 4;
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

  public StoreConfig {
    require(maxModuleBytes > 0 && maxModuleBytes <= HARD_MAX_MODULE_BYTES,
        "maxModuleBytes must be 1.." + HARD_MAX_MODULE_BYTES);
    require(maxNameBytes > 0, "maxNameBytes must be positive");
    require(cacheBytes >= 0, "cacheBytes must not be negative");
    require(uploadLevel >= 1 && uploadLevel <= 22, "uploadLevel must be 1..22");
    require(compactLevel >= 1 && compactLevel <= 22, "compactLevel must be 1..22");
    require(deltaCandidates >= 0, "deltaCandidates must not be negative");
    require(dictionaryMaxModuleBytes >= 0, "dictionaryMaxModuleBytes must not be negative");
    require(dictionaryBytes >= 1024, "dictionaryBytes must be at least 1024");
    require(dictionaryMinSamples >= 2, "dictionaryMinSamples must be at least 2");
    require(positive(usageFlushInterval), "usageFlushInterval must be positive");
    require(usageFlushPending > 0, "usageFlushPending must be positive");
    require(positive(recentWindow), "recentWindow must be positive");
    require(coldAfter != null && !coldAfter.isNegative(), "coldAfter must not be negative");
    require(maintenanceInterval != null, "maintenanceInterval must be set");
    require(readConnections > 0, "readConnections must be positive");
    require(busyTimeout != null && !busyTimeout.isNegative(), "busyTimeout must not be negative");
  }

  public static StoreConfig defaults() {
    return new StoreConfig(
        DEFAULT_MAX_MODULE_BYTES,
        DEFAULT_MAX_NAME_BYTES,
        DEFAULT_CACHE_BYTES,
        DEFAULT_UPLOAD_LEVEL,
        DEFAULT_COMPACT_LEVEL,
        DEFAULT_DELTA_CANDIDATES,
        DEFAULT_DICTIONARY_MAX_MODULE_BYTES,
        DEFAULT_DICTIONARY_BYTES,
        DEFAULT_DICTIONARY_MIN_SAMPLES,
        DEFAULT_USAGE_FLUSH_INTERVAL,
        DEFAULT_USAGE_FLUSH_PENDING,
        DEFAULT_RECENT_WINDOW,
        DEFAULT_COLD_AFTER,
        DEFAULT_MAINTENANCE_INTERVAL,
        DEFAULT_READ_CONNECTIONS,
        DEFAULT_BUSY_TIMEOUT);
  }

  public StoreConfig withMaxModuleBytes(int v) {
    return new StoreConfig(v, maxNameBytes, cacheBytes, uploadLevel, compactLevel, deltaCandidates,
        dictionaryMaxModuleBytes, dictionaryBytes, dictionaryMinSamples, usageFlushInterval,
        usageFlushPending, recentWindow, coldAfter, maintenanceInterval, readConnections, busyTimeout);
  }

  public StoreConfig withCacheBytes(long v) {
    return new StoreConfig(maxModuleBytes, maxNameBytes, v, uploadLevel, compactLevel, deltaCandidates,
        dictionaryMaxModuleBytes, dictionaryBytes, dictionaryMinSamples, usageFlushInterval,
        usageFlushPending, recentWindow, coldAfter, maintenanceInterval, readConnections, busyTimeout);
  }

  public StoreConfig withLevels(int upload, int compact) {
    return new StoreConfig(maxModuleBytes, maxNameBytes, cacheBytes, upload, compact, deltaCandidates,
        dictionaryMaxModuleBytes, dictionaryBytes, dictionaryMinSamples, usageFlushInterval,
        usageFlushPending, recentWindow, coldAfter, maintenanceInterval, readConnections, busyTimeout);
  }

  public StoreConfig withDeltaCandidates(int v) {
    return new StoreConfig(maxModuleBytes, maxNameBytes, cacheBytes, uploadLevel, compactLevel, v,
        dictionaryMaxModuleBytes, dictionaryBytes, dictionaryMinSamples, usageFlushInterval,
        usageFlushPending, recentWindow, coldAfter, maintenanceInterval, readConnections, busyTimeout);
  }

  public StoreConfig withDictionary(int maxModuleBytes, int dictBytes, int minSamples) {
    return new StoreConfig(this.maxModuleBytes, maxNameBytes, cacheBytes, uploadLevel, compactLevel,
        deltaCandidates, maxModuleBytes, dictBytes, minSamples, usageFlushInterval,
        usageFlushPending, recentWindow, coldAfter, maintenanceInterval, readConnections, busyTimeout);
  }

  public StoreConfig withUsageFlush(Duration interval, int pending) {
    return new StoreConfig(maxModuleBytes, maxNameBytes, cacheBytes, uploadLevel, compactLevel,
        deltaCandidates, dictionaryMaxModuleBytes, dictionaryBytes, dictionaryMinSamples, interval,
        pending, recentWindow, coldAfter, maintenanceInterval, readConnections, busyTimeout);
  }

  public StoreConfig withRecentWindow(Duration v) {
    return new StoreConfig(maxModuleBytes, maxNameBytes, cacheBytes, uploadLevel, compactLevel,
        deltaCandidates, dictionaryMaxModuleBytes, dictionaryBytes, dictionaryMinSamples,
        usageFlushInterval, usageFlushPending, v, coldAfter, maintenanceInterval, readConnections,
        busyTimeout);
  }

  public StoreConfig withColdAfter(Duration v) {
    return new StoreConfig(maxModuleBytes, maxNameBytes, cacheBytes, uploadLevel, compactLevel,
        deltaCandidates, dictionaryMaxModuleBytes, dictionaryBytes, dictionaryMinSamples,
        usageFlushInterval, usageFlushPending, recentWindow, v, maintenanceInterval, readConnections,
        busyTimeout);
  }

  /** Zero or negative disables the background job. */
  public StoreConfig withMaintenanceInterval(Duration v) {
    return new StoreConfig(maxModuleBytes, maxNameBytes, cacheBytes, uploadLevel, compactLevel,
        deltaCandidates, dictionaryMaxModuleBytes, dictionaryBytes, dictionaryMinSamples,
        usageFlushInterval, usageFlushPending, recentWindow, coldAfter, v, readConnections,
        busyTimeout);
  }

  public StoreConfig withReadConnections(int v) {
    return new StoreConfig(maxModuleBytes, maxNameBytes, cacheBytes, uploadLevel, compactLevel,
        deltaCandidates, dictionaryMaxModuleBytes, dictionaryBytes, dictionaryMinSamples,
        usageFlushInterval, usageFlushPending, recentWindow, coldAfter, maintenanceInterval, v,
        busyTimeout);
  }

  public StoreConfig withBusyTimeout(Duration v) {
    return new StoreConfig(maxModuleBytes, maxNameBytes, cacheBytes, uploadLevel, compactLevel,
        deltaCandidates, dictionaryMaxModuleBytes, dictionaryBytes, dictionaryMinSamples,
        usageFlushInterval, usageFlushPending, recentWindow, coldAfter, maintenanceInterval,
        readConnections, v);
  }

  /** True when the background maintenance job runs. */
  public boolean maintenanceEnabled() {
    return maintenanceInterval.compareTo(Duration.ZERO) > 0;
  }

  private static boolean positive(Duration d) {
    return d != null && d.compareTo(Duration.ZERO) > 0;
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException(message);
  }
}
