package sidekick.core.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import sidekick.core.ShardStatus;

/** The latest status report of every shard, by shard number (live state: kept in memory). */
final class ShardRegistry {
  private final Map<Integer, ShardStatus> byShard = new ConcurrentHashMap<>();

  ShardStatus report(ShardStatus s, Instant at) {
    ShardStatus stored = new ShardStatus(s.shard(), s.shardsTotal(), s.state(), s.guilds(), s.latencyMillis(),
        s.queue(), at);
    byShard.put(s.shard(), stored);
    return stored;
  }

  List<ShardStatus> all() {
    List<ShardStatus> list = new ArrayList<>(byShard.values());
    list.sort(Comparator.comparingInt(ShardStatus::shard));
    return list;
  }
}
