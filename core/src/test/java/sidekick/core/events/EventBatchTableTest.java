package sidekick.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sidekick.core.DatabaseTestBase;
import sidekick.core.Event;
import sidekick.core.db.Database;

/**
 * The batch layout directly: many channels per commit in one row, the index written every
 * {@link EventBatchTable#INDEX_EVERY_BATCHES} batches, the unindexed ones read back after a restart,
 * pruning across channels sharing batches, and damage.
 */
class EventBatchTableTest extends DatabaseTestBase {
  static final int CHANNELS = 16;
  EventBatchTable table;
  long[] heads;

  @Override
  protected void opened() {
    table = new EventBatchTable(db);
  }

  @Override
  protected void closing() {
    table.close();
  }

  /** One commit of {@code perChannel} events in each of the channels. */
  private void commit(int perChannel) {
    if (heads == null) heads = new long[CHANNELS];
    List<List<Event>> runs = new ArrayList<>();
    for (int c = 0; c < CHANNELS; c++) {
      List<Event> run = new ArrayList<>();
      for (int i = 0; i < perChannel; i++) {
        long seq = ++heads[c];
        run.add(new Event("ch" + c, seq, "roll", Instant.ofEpochMilli(1_000 + seq),
            "{\"seq\":" + seq + ",\"channel\":\"ch" + c + "\",\"total\":" + (seq % 20) + "}"));
      }
      runs.add(run);
    }
    db.write(s -> {
      table.append(s, runs);
      return null;
    });
    table.committed();
  }

  private List<Long> seqs(String channel, long after, int limit) {
    return db.read(s -> table.read(s, channel, after, limit)).stream().map(Event::seq).toList();
  }

  static List<Long> range(long first, long last) {
    List<Long> out = new ArrayList<>();
    for (long s = first; s <= last; s++) out.add(s);
    return out;
  }

  private long count(String sql) {
    return count(db, sql);
  }

  /** The first column of the query's first row, as a number. */
  static long count(Database db, String sql) {
    return db.read(s -> {
      try (ResultSet rs = s.query(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Test
  void aCommitOfManyChannelsIsOneRowAndEachChannelReadsItsOwn() {
    commit(3);
    commit(3);
    assertThat(count("SELECT COUNT(*) FROM event_batches")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM event_index")).as("not indexed yet").isZero();
    for (int c = 0; c < CHANNELS; c++) {
      assertThat(seqs("ch" + c, 0, 100)).isEqualTo(range(1, 6));
      assertThat(seqs("ch" + c, 4, 100)).isEqualTo(range(5, 6));
      assertThat(seqs("ch" + c, 1, 2)).isEqualTo(range(2, 3));
      long channelHead = db.read(s -> table.head(s, "ch0"));
      assertThat(channelHead).isEqualTo(6);
    }
    List<Event> events = db.read(s -> table.read(s, "ch7", 0, 1));
    assertThat(events.get(0).json()).isEqualTo("{\"seq\":1,\"channel\":\"ch7\",\"total\":1}");
    assertThat(events.get(0).channel()).isEqualTo("ch7");
  }

  @Test
  void theIndexIsWrittenEverySoManyBatchesAndReadsSpanIndexedAndUnindexedOnes() {
    int commits = EventBatchTable.INDEX_EVERY_BATCHES + 10;
    for (int i = 0; i < commits; i++) commit(2);
    assertThat(count("SELECT COUNT(*) FROM event_index")).isEqualTo((long) CHANNELS * EventBatchTable.INDEX_EVERY_BATCHES);
    for (int c = 0; c < CHANNELS; c++) {
      assertThat(seqs("ch" + c, 0, 10_000)).isEqualTo(range(1, 2L * commits));
      assertThat(seqs("ch" + c, 2L * EventBatchTable.INDEX_EVERY_BATCHES - 3, 6))
          .isEqualTo(range(2L * EventBatchTable.INDEX_EVERY_BATCHES - 2, 2L * EventBatchTable.INDEX_EVERY_BATCHES + 3));
    }
  }

  @Test
  void aRestartReadsTheUnindexedBatchesBackFromTheirDirectories() {
    for (int i = 0; i < EventBatchTable.INDEX_EVERY_BATCHES + 5; i++) commit(1);
    reopen(); // as after a crash: nothing was written at close
    for (int c = 0; c < CHANNELS; c++) {
      long head = db.read(s -> table.head(s, "ch3"));
      assertThat(head).isEqualTo(EventBatchTable.INDEX_EVERY_BATCHES + 5);
      assertThat(seqs("ch" + c, 0, 10_000)).isEqualTo(range(1, EventBatchTable.INDEX_EVERY_BATCHES + 5));
    }
    long onDisk = db.read(s -> EventBatchTable.headOnDisk(s, "ch9"));
    assertThat(onDisk).isEqualTo(EventBatchTable.INDEX_EVERY_BATCHES + 5);
    // Appends go on, and the recovered sections get indexed with the next index write.
    for (int i = 0; i < EventBatchTable.INDEX_EVERY_BATCHES; i++) commit(1);
    assertThat(count("SELECT COUNT(DISTINCT batch) FROM event_index")).isGreaterThan(EventBatchTable.INDEX_EVERY_BATCHES + 5);
    assertThat(seqs("ch15", 0, 10_000)).isEqualTo(range(1, 2L * EventBatchTable.INDEX_EVERY_BATCHES + 5));
  }

  @Test
  void pruningOneChannelKeepsTheBatchesOthersStillUseAndDropsThemWithTheLast() {
    for (int i = 0; i < EventBatchTable.INDEX_EVERY_BATCHES; i++) commit(1); // indexed at the last
    long batches = count("SELECT COUNT(*) FROM event_batches");
    db.write(s -> {
      table.prune(s, Map.of("ch0", 10L));
      return null;
    });
    assertThat(seqs("ch0", 0, 1_000)).isEqualTo(range(11, EventBatchTable.INDEX_EVERY_BATCHES));
    assertThat(seqs("ch1", 0, 1_000)).isEqualTo(range(1, EventBatchTable.INDEX_EVERY_BATCHES));
    assertThat(count("SELECT COUNT(*) FROM event_batches")).as("ch1..ch15 still use them").isEqualTo(batches);
    db.write(s -> {
      Map<String, Long> prunes = new LinkedHashMap<>();
      for (int c = 1; c < CHANNELS; c++) prunes.put("ch" + c, 10L);
      table.prune(s, prunes);
      return null;
    });
    assertThat(count("SELECT COUNT(*) FROM event_batches")).isEqualTo(batches - 10);
    assertThat(seqs("ch5", 0, 1_000)).isEqualTo(range(11, EventBatchTable.INDEX_EVERY_BATCHES));
  }

  @Test
  void aDamagedBatchIsSkippedForEveryChannelAndTheOthersAreRead() {
    commit(30); // one batch of about 30 KB, compressed: its frame is cut below
    commit(2);
    byte format = db.read(s -> {
      try (ResultSet rs = s.query("SELECT data FROM event_batches WHERE id = 1")) {
        rs.next();
        return rs.getBytes(1)[0];
      }
    });
    assertThat(format).isEqualTo(EventBlock.FORMAT_ZSTD);
    db.write(s -> s.update("UPDATE event_batches SET data = substr(data, 1, 40) WHERE id = 1"));
    for (int c = 0; c < CHANNELS; c++) assertThat(seqs("ch" + c, 0, 1_000)).isEqualTo(range(31, 32));
    db.write(s -> s.update("DELETE FROM event_batches WHERE id = 2")); // an index entry without its batch
    for (int i = 0; i < EventBatchTable.INDEX_EVERY_BATCHES; i++) commit(1);
    assertThat(seqs("ch4", 0, 1_000)).isEqualTo(range(33, 32L + EventBatchTable.INDEX_EVERY_BATCHES));
  }

  @Test
  void aDirectoryRoundTripsAndDamageToItIsReported() throws Exception {
    EventBatch.Builder b = new EventBatch.Builder();
    b.add(new Event("a", 1, "roll", Instant.EPOCH, "{\"seq\":1}"));
    b.endRun();
    b.add(new Event("bé", 7, "roll", Instant.EPOCH, "{\"seq\":7}"));
    b.add(new Event("bé", 8, "roll", Instant.EPOCH, "{\"seq\":8}"));
    byte[] stored;
    try (BlockCompressor c = new BlockCompressor()) {
      stored = b.toStored(c);
    }
    List<EventBatch.Section> dir = EventBatch.directory(EventBlock.unpack(stored));
    assertThat(dir).extracting(EventBatch.Section::channel).containsExactly("a", "bé");
    assertThat(dir.get(1).firstSeq()).isEqualTo(7);
    assertThat(dir.get(1).lastSeq()).isEqualTo(8);
    List<Event> out = new ArrayList<>();
    EventBatch.Section x = dir.get(1);
    EventBlock.decodeSection("bé", 7, 8, stored, x.start(), x.start() + x.length(), 0, 10, out);
    assertThat(out).extracting(Event::seq).containsExactly(7L, 8L);
    byte[] cut = java.util.Arrays.copyOf(stored, stored.length - 1);
    assertThatThrownBy(() -> EventBatch.directory(cut)).isInstanceOf(EventBlock.CorruptBlockException.class);
    byte[] badStart = stored.clone();
    EventBlock.INT.set(badStart, badStart.length - 8, stored.length); // the directory's start beyond it
    assertThatThrownBy(() -> EventBatch.directory(badStart)).isInstanceOf(EventBlock.CorruptBlockException.class);
  }
}
