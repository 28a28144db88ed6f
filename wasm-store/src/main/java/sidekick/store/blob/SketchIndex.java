package sidekick.store.blob;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import sidekick.store.codec.Sketch;

/**
 * In-memory sketches of the blobs that may serve as delta bases: stored whole (not deltas
 * themselves, so chains stay at depth 1) and referenced by a plug. A hint only: the write
 * transaction re-checks a chosen base, so a stale entry costs a wasted try, never a wrong row.
 */
public final class SketchIndex {
  /** Below this estimated similarity a delta is not worth trying. */
  public static final double MIN_SIMILARITY = 0.05;

  private final Map<Long, Sketch> bases = new ConcurrentHashMap<>();

  public void load(Connection c) throws SQLException {
    bases.clear();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, sketch FROM blobs b WHERE codec <> 2 AND length >= 64 AND EXISTS"
                    + " (SELECT 1 FROM plugs p WHERE p.sha256 = b.sha256 AND p.length = b.length)");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) bases.put(rs.getLong(1), Sketch.fromBytes(rs.getBytes(2)));
    }
  }

  public void add(long id, Sketch sketch) {
    bases.put(id, sketch);
  }

  public void remove(long id) {
    bases.remove(id);
  }

  public int size() {
    return bases.size();
  }

  /** Up to {@code limit} base ids most similar to {@code sketch}, best first. */
  public List<Long> candidates(Sketch sketch, int limit, Set<Long> excluded) {
    record Scored(long id, double score) {}
    List<Scored> scored = new ArrayList<>();
    bases.forEach(
        (id, s) -> {
          if (excluded.contains(id)) return;
          double sim = sketch.similarity(s);
          if (sim >= MIN_SIMILARITY) scored.add(new Scored(id, sim));
        });
    scored.sort(Comparator.comparingDouble(Scored::score).reversed());
    return scored.stream().limit(limit).map(Scored::id).toList();
  }
}
