package sidekick.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sidekick.core.DatabaseTestBase;
import sidekick.core.Event;

/**
 * Batches left mostly dead by pruning are rewritten ({@link EventBatchCompactor}): a quiet channel's
 * few events no longer keep the busy channels' pruned ones on disk, every event kept reads as before
 * (also after a restart), and what is still mostly alive, in memory, or damaged is left as it is.
 */
class EventBatchCompactionTest extends DatabaseTestBase {
  EventBatchTable table;
  final Map<String, Long> heads = new HashMap<>();

  @Override
  protected void opened() {
    table = new EventBatchTable(db);
  }

  @Override
  protected void closing() {
    table.close();
  }

  private static String json(String channel, long seq) {
    return "{\"seq\":" + seq + ",\"channel\":\"" + channel + "\",\"text\":\"event " + seq + " of " + channel + "\"}";
  }

  /** The next {@code n} events of each channel named, as one commit's runs. */
  private List<List<Event>> runs(Map<String, Integer> perChannel) {
    List<List<Event>> runs = new ArrayList<>();
    perChannel.forEach((channel, n) -> {
      List<Event> run = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long seq = heads.merge(channel, 1L, Long::sum);
        run.add(new Event(channel, seq, "roll", Instant.ofEpochMilli(1_000 + seq), json(channel, seq)));
      }
      runs.add(run);
    });
    return runs;
  }

  private void commit(Map<String, Integer> perChannel) {
    List<List<Event>> runs = runs(perChannel);
    db.write(s -> {
      table.append(s, runs);
      return null;
    });
    table.committed();
  }

  /** Commit {@code i} of a busy channel (20 events each) and a quiet one speaking every fourth commit. */
  private void busyAndQuiet(int commits) {
    for (int i = 1; i <= commits; i++) {
      Map<String, Integer> runs = new LinkedHashMap<>();
      runs.put("busy", 20);
      if (i % 4 == 0) runs.put("quiet", 1);
      commit(runs);
    }
  }

  private void prune(Map<String, Long> keepAfter) {
    db.write(s -> {
      table.prune(s, keepAfter);
      return null;
    });
  }

  private List<Event> read(String channel, long after) {
    return db.read(s -> table.read(s, channel, after, 100_000));
  }

  private void assertReadsWhole(String channel, long first, long last) {
    List<Event> events = read(channel, first - 1);
    assertThat(events).extracting(Event::seq).as(channel).containsExactlyElementsOf(EventBatchTableTest.range(first, last));
    for (Event e : events) assertThat(e.json()).isEqualTo(json(channel, e.seq()));
  }

  private long count(String sql) {
    return EventBatchTableTest.count(db, sql);
  }

  private String firstBatchHex() {
    return db.read(s -> {
      try (ResultSet rs = s.query("SELECT hex(data) FROM event_batches ORDER BY id LIMIT 1")) {
        rs.next();
        return rs.getString(1);
      }
    });
  }

  private long batches() {
    return count("SELECT COUNT(*) FROM event_batches");
  }

  @Test
  void aQuietChannelsEventsNoLongerKeepTheBusyChannelsPrunedBatches() {
    int commits = 3 * EventBatchTable.INDEX_EVERY_BATCHES + 8; // the last 8 batches are not indexed yet
    busyAndQuiet(commits);
    long bytesBefore = count("SELECT SUM(length(data)) FROM event_batches");
    long busyHead = heads.get("busy");
    prune(Map.of("busy", busyHead - 20));

    // the quiet channel's 48 sections of the indexed batches now share one batch; the unindexed 8 stay
    assertThat(batches()).isEqualTo(1 + 8);
    assertThat(count("SELECT COUNT(DISTINCT batch) FROM event_index")).isEqualTo(1);
    long bytesAfter = count("SELECT SUM(length(data)) FROM event_batches");
    assertThat(bytesAfter).isLessThan(bytesBefore / 10);
    assertReadsWhole("quiet", 1, commits / 4);
    assertReadsWhole("busy", busyHead - 20 * 8 + 1, busyHead); // the unindexed batches' events are not pruned yet

    reopen(); // the index's newest batch moved down: the unindexed ones must still be found after it
    assertReadsWhole("quiet", 1, commits / 4);
    assertReadsWhole("busy", busyHead - 20 * 8 + 1, busyHead);
    busyAndQuiet(EventBatchTable.INDEX_EVERY_BATCHES);
    assertReadsWhole("quiet", 1, (commits + EventBatchTable.INDEX_EVERY_BATCHES) / 4);
  }

  @Test
  void aBatchIsRewrittenOnlyOnceLessThanItsShareIsAlive() {
    int channels = 2 * EventBatchTable.COMPACT_BELOW_SHARE;
    Map<String, Integer> each = new LinkedHashMap<>();
    for (int c = 0; c < channels; c++) each.put("ch" + c, 3);
    for (int i = 0; i < EventBatchTable.INDEX_EVERY_BATCHES; i++) commit(each);
    long all = batches();
    String first = firstBatchHex();

    // every channel pruned but three: 3 of 16 sections alive, more than the share: left as they are
    Map<String, Long> most = new LinkedHashMap<>();
    for (int c = 0; c < channels - 3; c++) most.put("ch" + c, 3L * 10);
    prune(most);
    assertThat(batches()).isEqualTo(all);
    assertThat(firstBatchHex()).isEqualTo(first);

    // two more: 1 of 16 alive, under the share: the ten oldest batches become one
    Map<String, Long> two = new LinkedHashMap<>();
    two.put("ch" + (channels - 3), 3L * 10);
    two.put("ch" + (channels - 2), 3L * 10);
    prune(two);
    assertThat(batches()).isEqualTo(all - 10 + 1);
    assertReadsWhole("ch" + (channels - 1), 1, 3L * EventBatchTable.INDEX_EVERY_BATCHES);
    assertReadsWhole("ch0", 31, 3L * EventBatchTable.INDEX_EVERY_BATCHES);
    reopen();
    assertReadsWhole("ch" + (channels - 1), 1, 3L * EventBatchTable.INDEX_EVERY_BATCHES);
  }

  @Test
  void channelsPrunedInOneCommitDeleteTheBatchesTheyAllLeaveWithoutCopyingThem() {
    Map<String, Integer> both = new LinkedHashMap<>();
    both.put("a", 5);
    both.put("b", 5);
    for (int i = 0; i < EventBatchTable.INDEX_EVERY_BATCHES; i++) commit(both);
    long all = batches();
    Map<String, Long> keepAfter = new LinkedHashMap<>();
    keepAfter.put("a", 5L * 20);
    keepAfter.put("b", 5L * 20);
    prune(keepAfter);
    assertThat(batches()).isEqualTo(all - 20);
    assertThat(count("SELECT MIN(batch) FROM event_index")).as("no batch was rewritten under an old id").isEqualTo(21);
    assertReadsWhole("a", 101, 5L * EventBatchTable.INDEX_EVERY_BATCHES);
  }

  @Test
  void batchesWhoseSectionsReadersMayTakeFromMemoryAreNotMoved() {
    // 63 commits, then the 64th in a transaction that writes the index and prunes: the batches just
    // indexed are still in memory for readers until that transaction is committed
    busyAndQuiet(EventBatchTable.INDEX_EVERY_BATCHES - 1);
    long all = batches() + 1;
    Map<String, Integer> last = new LinkedHashMap<>();
    last.put("busy", 20);
    last.put("quiet", 1);
    List<List<Event>> runs = runs(last);
    long busyHead = heads.get("busy");
    db.write(s -> {
      table.append(s, runs);
      table.prune(s, Map.of("busy", busyHead - 20));
      return null;
    });
    table.committed();
    // busy's own batches went (nothing else in them), the quiet channel's stayed where they were
    assertThat(batches()).isEqualTo(16);
    assertThat(count("SELECT COUNT(DISTINCT batch) FROM event_index WHERE channel = 'quiet'")).isEqualTo(16);
    assertReadsWhole("quiet", 1, 16);

    // a later pruning, once they are out of memory, compacts them
    busyAndQuiet(4);
    prune(Map.of("busy", heads.get("busy") - 20));
    assertThat(count("SELECT COUNT(DISTINCT batch) FROM event_index WHERE channel = 'quiet'")).isEqualTo(1);
    assertReadsWhole("quiet", 1, 17);
  }

  @Test
  void aDamagedBatchIsLeftAsItIsAndTheOthersAreCompacted() {
    busyAndQuiet(EventBatchTable.INDEX_EVERY_BATCHES);
    // batch 4 holds the quiet channel's first event: cut it
    db.write(s -> s.update("UPDATE event_batches SET data = substr(data, 1, 40) WHERE id = 4"));
    prune(Map.of("busy", heads.get("busy")));
    assertThat(count("SELECT COUNT(*) FROM event_batches WHERE id = 4")).isEqualTo(1);
    assertThat(count("SELECT COUNT(DISTINCT batch) FROM event_index WHERE channel = 'quiet'")).isEqualTo(2);
    assertReadsWhole("quiet", 2, 16); // the first is unreadable, as it was before
  }
}
