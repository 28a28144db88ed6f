package sidekick.plugs;

/**
 * Runtime-wide counters: modules compiled, compiled code found in the memory or disk cache,
 * uploads refused, workers abandoned (stuck past twice the call limit) and still running, and
 * commands that found every worker busy; warm instances idle over every plug (count, linear
 * memory) and those dropped to stay within {@link PlugLimits#maxIdleInstancesTotal()} / {@link
 * PlugLimits#maxIdleInstanceBytes()}.
 */
public record RuntimeStats(
    long compiled,
    long memoryCacheHits,
    long diskCacheHits,
    long refused,
    long abandonedWorkers,
    long abandonedStillRunning,
    long commandsRejectedBusy,
    int idleInstances,
    long idleInstanceBytes,
    long idleInstancesEvicted) {}
