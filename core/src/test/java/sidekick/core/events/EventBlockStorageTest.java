package sidekick.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import sidekick.core.DatabaseTestBase;
import sidekick.core.Event;
import sidekick.core.EventPage;

/**
 * The event log on disk in batches of blocks: reads that start, end and stop inside blocks, pruning
 * by block, blocks of schema version 2 moved into batches, and damaged rows. Two events are kept in
 * memory per channel, so reads come from disk.
 */
class EventBlockStorageTest extends DatabaseTestBase {
  static final int PAGE_LIMIT = 100;
  EventLog log;

  @Override
  protected void opened() {
    log = new EventLog(db, Clock.systemUTC(), PAGE_LIMIT, 10_000, 2, 100);
  }

  @Override
  protected void closing() {
    log.close();
  }

  /**
   * One append of {@code n} events, committed before the next: handed to the writer together and
   * alone, so written as one block (up to the block limit).
   */
  private List<Event> appendBlock(String channel, int n) {
    List<EventLog.NewEvent> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) batch.add(new EventFields().put("i", i).toEvent("roll"));
    List<Event> made = log.appendAll(channel, batch);
    log.flush();
    return made;
  }

  /** The channel's blocks (index entries) as "first..last". */
  private List<String> blocks(String channel) {
    log.flush();
    return db.read(s -> EventBatchTable.sectionsOnDisk(s, channel)).stream()
        .map(p -> p.section().firstSeq() + ".." + p.section().lastSeq()).toList();
  }

  private static List<Long> seqs(EventPage page) {
    return page.events().stream().map(Event::seq).toList();
  }

  private static List<Long> range(long first, long last) {
    List<Long> out = new ArrayList<>();
    for (long s = first; s <= last; s++) out.add(s);
    return out;
  }

  @Test
  void anAppendIsOneRowAndReadsStartAnywhereInIt() {
    appendBlock("c", 10);
    appendBlock("c", 10);
    appendBlock("c", 10);
    assertThat(blocks("c")).containsExactly("1..10", "11..20", "21..30");
    assertThat(seqs(log.read("c", 0, 100))).isEqualTo(range(1, 30));
    assertThat(seqs(log.read("c", 4, 100))).isEqualTo(range(5, 30)); // in the middle of a block
    assertThat(seqs(log.read("c", 10, 100))).isEqualTo(range(11, 30)); // exactly a block's last seq
    assertThat(seqs(log.read("c", 11, 100))).isEqualTo(range(12, 30)); // a block's first seq
    assertThat(seqs(log.read("c", 29, 100))).isEqualTo(range(30, 30));
    assertThat(log.read("c", 30, 100).events()).isEmpty();
  }

  @Test
  void aPageLimitCutsABlockAndTheNextPageGoesOnInsideIt() {
    appendBlock("c", 10);
    appendBlock("c", 10);
    EventPage first = log.read("c", 4, 7);
    assertThat(seqs(first)).isEqualTo(range(5, 11));
    assertThat(first.next()).isEqualTo(11);
    assertThat(first.truncated()).isTrue();
    EventPage second = log.read("c", first.next(), 7);
    assertThat(seqs(second)).isEqualTo(range(12, 18));
    EventPage last = log.read("c", second.next(), 7);
    assertThat(seqs(last)).isEqualTo(range(19, 20));
    assertThat(last.truncated()).isFalse();
  }

  @Test
  void aSubscriptionBacklogFromDiskSpansBlocks() {
    for (int i = 0; i < 5; i++) appendBlock("c", 40); // 200 events, 5 blocks
    try (var sub = log.subscribe("c", 0, e -> {})) {
      assertThat(seqs(sub.backlog())).isEqualTo(range(101, 200)); // the newest page, starting mid-block
      assertThat(sub.backlog().truncated()).isTrue();
    }
  }

  @Test
  void aLargeAppendIsCutIntoBlocksOfTheLimit() {
    int n = 2 * EventBlock.MAX_EVENTS + 10;
    appendBlock("big", n);
    assertThat(blocks("big")).containsExactly("1.." + EventBlock.MAX_EVENTS,
        (EventBlock.MAX_EVENTS + 1) + ".." + 2 * EventBlock.MAX_EVENTS, (2 * EventBlock.MAX_EVENTS + 1) + ".." + n);
    long after = 0;
    List<Long> all = new ArrayList<>();
    while (true) {
      EventPage page = log.read("big", after, PAGE_LIMIT);
      if (page.events().isEmpty()) break;
      all.addAll(seqs(page));
      after = page.next();
    }
    assertThat(all).isEqualTo(range(1, n));
  }

  @Test
  void channelsOfOneCommitGetABlockEach() {
    log.append("a", "roll", Map.of("n", 1));
    log.append("b", "roll", Map.of("n", 1));
    log.append("a", "reply", Map.of("n", 2));
    assertThat(blocks("a")).isNotEmpty();
    assertThat(seqs(log.read("a", 0, 10))).containsExactly(1L, 2L);
    assertThat(seqs(log.read("b", 0, 10))).containsExactly(1L);
  }

  @Test
  void theHeadAndTheEventsComeBackAfterARestart() {
    List<Event> written = appendBlock("c", 12);
    reopen();
    assertThat(log.head("c")).isEqualTo(12);
    assertThat(log.read("c", 0, 100).events()).isEqualTo(written);
    assertThat(log.append("c", "roll", Map.of()).seq()).isEqualTo(13);
  }

  @Test
  void pruningDropsOnlyBlocksWhollyOlderThanTheRetention() {
    log.close();
    int retention = 100;
    log = new EventLog(db, Clock.systemUTC(), 1000, retention, 2, 100);
    // 3,000 events in blocks (batches) of 30; prunes every PRUNE_EVERY events, of the blocks indexed by then (the
    // index is written every INDEX_EVERY_BATCHES batches)
    int appends = 100;
    for (int i = 0; i < appends; i++) appendBlock("p", 30);
    log.close();
    log = new EventLog(db, Clock.systemUTC(), 5000, retention, 2, 100);
    List<Long> kept = seqs(log.read("p", 0, 5000));
    // The last pruning ran at some head h <= 3000: it kept every block holding a seq above h - 100, and
    // every block not indexed at h.
    assertThat(kept.get(kept.size() - 1)).isEqualTo(3000);
    assertThat(kept).isEqualTo(range(kept.get(0), 3000)); // no hole
    assertThat(kept.size()).isGreaterThanOrEqualTo(retention)
        .isLessThanOrEqualTo(30 * EventBatchTable.INDEX_EVERY_BATCHES + EventBatchTable.PRUNE_EVERY + 30);
    long batches = db.read(s -> {
      try (ResultSet rs = s.query("SELECT COUNT(*) FROM event_batches")) {
        rs.next();
        return rs.getLong(1);
      }
    });
    assertThat(batches).as("the batches of the pruned blocks are deleted").isEqualTo(kept.size() / 30);
    assertThat((kept.get(0) - 1) % 30).as("blocks are dropped whole").isZero();
  }

  /** The first byte of each stored batch holding the channel's events, oldest first. */
  private List<Byte> formats(String channel) {
    log.flush();
    return db.read(s -> {
      List<Byte> out = new ArrayList<>();
      for (EventBatch.Placed p : EventBatchTable.sectionsOnDisk(s, channel)) {
        try (ResultSet rs = s.query("SELECT data FROM event_batches WHERE id = ?", p.batch())) {
          assertThat(rs.next()).isTrue();
          out.add(rs.getBytes(1)[0]);
        }
      }
      return out;
    });
  }

  @Test
  void blocksAreStoredCompressedAndVersion2sPlainBlocksAreMovedAndReadWithThem() {
    List<Event> written = new ArrayList<>(appendBlock("c", 40));
    // a block as version 2 before compression wrote it: moved into a batch as it is at the next start
    List<Event> plain = new ArrayList<>();
    for (long seq = 41; seq <= 45; seq++) {
      plain.add(new Event("c", seq, "roll", java.time.Instant.ofEpochMilli(1_000 + seq), "{\"seq\":" + seq + "}"));
    }
    try (EventBlockTable uncompressed = new EventBlockTable(false)) {
      db.write(s -> {
        uncompressed.append(s, List.of(plain));
        return null;
      });
    }
    log.close();
    log = new EventLog(db, Clock.systemUTC(), PAGE_LIMIT, 10_000, 2, 100);
    written.addAll(plain);
    written.addAll(appendBlock("c", 30));
    assertThat(formats("c")).containsExactly(EventBlock.FORMAT_ZSTD, EventBlock.FORMAT, EventBlock.FORMAT_ZSTD);
    List<Event> read = new ArrayList<>();
    for (EventPage page = log.read("c", 0, 1_000); !page.events().isEmpty(); page = log.read("c", page.next(), 1_000)) {
      read.addAll(page.events());
    }
    assertThat(read).isEqualTo(written);
  }

  @Test
  void aDamagedVersion2BlockKeepsItsSeqsWhenMovedAndIsLoggedAndSkipped() {
    appendBlock("c", 5);
    log.flush();
    db.write(s -> s.update("INSERT INTO event_blocks (channel, first_seq, last_seq, data) VALUES (?, ?, ?, ?)", "c",
        6L, 10L, new byte[] {EventBlock.FORMAT, 0, 0, 7}));
    log.close();
    log = new EventLog(db, Clock.systemUTC(), PAGE_LIMIT, 10_000, 2, 100);
    assertThat(log.head("c")).isEqualTo(10);
    appendBlock("c", 3);
    Logger logger = (Logger) LoggerFactory.getLogger(EventBatchTable.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      EventPage page = log.read("c", 0, 100);
      assertThat(seqs(page)).containsExactly(1L, 2L, 3L, 4L, 5L, 11L, 12L, 13L);
      assertThat(logged.list).singleElement().satisfies(e -> {
        assertThat(e.getLevel().toString()).isEqualTo("ERROR");
        assertThat(e.getFormattedMessage()).contains("c seq 6..10 in batch").contains("damaged").contains("header cut");
      });
      assertThat(seqs(log.read("c", 7, 100))).containsExactly(11L, 12L, 13L);
    } finally {
      logger.detachAppender(logged);
    }
  }
}
