package sidekick.core.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sidekick.core.events.EventBatch.Placed;

/**
 * The sections of the batches written since the event index was last written ({@link EventBatchTable}):
 * what readers look up beside the index. The writer adds a commit's sections once it is committed and
 * drops them once their index rows are; readers take those of batches above the index's newest, so a
 * reader between a commit and its update here sees a consistent log either way. Thread-safe.
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

  /** The channel's entries in batches above {@code batch}, oldest first (a copy). */
  synchronized List<Placed> of(String channel, long batch) {
    List<Placed> entries = byChannel.get(channel);
    if (entries == null) return List.of();
    List<Placed> out = new ArrayList<>(entries.size());
    for (Placed e : entries) if (e.batch() > batch) out.add(e);
    return out;
  }

  /** Every entry, oldest first (a copy). */
  synchronized List<Placed> all() {
    return new ArrayList<>(all);
  }

  synchronized int sections() {
    return all.size();
  }

  synchronized int batches() {
    return batches;
  }
}
