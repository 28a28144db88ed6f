package sidekick.store.maintenance;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import sidekick.store.blob.BlobRow;
import sidekick.store.blob.BlobTable;
import sidekick.store.codec.Sha256;
import sidekick.store.db.Database;
import sidekick.store.plug.PlugRow;
import sidekick.store.plug.PlugTable;
import sidekick.store.usage.UsageCounter;
import sidekick.store.usage.UsageRecorder;
import sidekick.store.usage.UsageTable;

/**
 * Writes the usage recorded in memory in one transaction. A plug's row only takes usage of the
 * module it holds now (calls of a replaced version count for that version's blob only). When the
 * write fails the usage goes back to memory for the next flush.
 */
public final class UsageFlusher {
  private final Database db;
  private final UsageRecorder recorder;
  private final long windowMillis;

  public UsageFlusher(Database db, UsageRecorder recorder, long windowMillis) {
    this.db = db;
    this.recorder = recorder;
    this.windowMillis = windowMillis;
  }

  /** @return plug versions flushed */
  public synchronized int flush() {
    Map<UsageRecorder.Key, UsageCounter> batch = recorder.drain();
    if (batch.isEmpty()) return 0;
    try {
      db.write(c -> write(c, batch));
      return batch.size();
    } catch (RuntimeException e) {
      recorder.restore(batch);
      throw e;
    }
  }

  private Void write(Connection c, Map<UsageRecorder.Key, UsageCounter> batch)
      throws SQLException {
    Map<String, UsageCounter> perBlob = new HashMap<>();
    for (var entry : batch.entrySet()) {
      UsageRecorder.Key key = entry.getKey();
      byte[] sha = Sha256.parseHex(key.hash());
      PlugRow plug = PlugTable.find(c, key.channel(), key.name());
      if (plug != null && sha != null && Arrays.equals(plug.sha256(), sha)) {
        UsageTable.mergePlug(c, key.channel(), key.name(), entry.getValue(), windowMillis);
      }
      perBlob.computeIfAbsent(key.hash(), h -> new UsageCounter())
          .absorb(entry.getValue());
    }
    for (var entry : perBlob.entrySet()) {
      byte[] sha = Sha256.parseHex(entry.getKey());
      BlobRow blob = sha == null ? null : BlobTable.bySha(c, sha);
      if (blob != null) UsageTable.mergeBlob(c, blob.id(), entry.getValue(), windowMillis);
    }
    return null;
  }
}
