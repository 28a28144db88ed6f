package sidekick.core.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sidekick.core.events.EventBatch.Placed;

/**
 * The sections of the batches written since the event index was last written ({@link EventBatchTable}):
 * what readers look up beside the index. The writer adds a commit's sections once it is committed and
 * drops them once the commit writing their index rows is committed; a reader takes its copy before it
 * queries the index, so every section is in one or the other (or both). Thread-safe.
 */
final class UnindexedSections {
  private final List<Placed> all = new ArrayList<>();
  private final Map<String, List<Placed>> byChannel = new HashMap<>();
  private int batches;

  synchronized void addAll(List<Placed> entries) {
    long previous = all.isEmpty() ? -1 : all.get(all.size() - 1).batch();
    for (Placed e : entries) {
      all.add(e);
      byChannel.computeIfAbsent(e.section().channel(), c -> new ArrayList<>()).add(e);
      if (e.batch() != previous) batches++;
      previous = e.batch();
    }
  }

  /** Drops every entry of a batch up to {@code batch}: their index rows are written. */
  synchronized void dropUpTo(long batch) {
    List<Placed> kept = new ArrayList<>();
    for (Placed e : all) if (e.batch() > batch) kept.add(e);
    all.clear();
    byChannel.clear();
    batches = 0;
    addAll(kept);
  }

  /** The channel's entries, oldest first (a copy). */
  synchronized List<Placed> of(String channel) {
    List<Placed> entries = byChannel.get(channel);
    return entries == null ? List.of() : new ArrayList<>(entries);
  }

  /** Every entry, oldest first (a copy). */
  synchronized List<Placed> all() {
    return new ArrayList<>(all);
  }

  /** The oldest batch held, {@link Long#MAX_VALUE} when none is. */
  synchronized long firstBatch() {
    return all.isEmpty() ? Long.MAX_VALUE : all.get(0).batch();
  }

  synchronized int sections() {
    return all.size();
  }

  synchronized int batches() {
    return batches;
  }
}
