package sidekick.core.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.Event;
import sidekick.core.db.Database;

/**
 * The event log's tables since schema version 3 (every SQL statement on them is here):
 *
 * <ul>
 *   <li>{@code event_batches (id, data)}: one row per group commit (or per {@link EventBatch#MAX_BYTES}
 *       of it), all its channels' events compressed together ({@link EventBatch}). Ids grow, so a
 *       commit appends at the table's end: the pages it writes are new ones, whatever the channels.
 *   <li>{@code event_index (channel, last_seq, first_seq, batch, section_start, section_length)},
 *       key {@code (channel, last_seq)}: where each channel's run of a batch lies. Sections of a
 *       channel never overlap, so the events after seq N start in the first entry whose last seq is
 *       above N: one index seek.
 * </ul>
 *
 * <p>The index is written every {@link #INDEX_EVERY_BATCHES} batches or {@link #INDEX_EVERY_SECTIONS}
 * sections, not with every commit: each channel's entries go to another place of the index, so
 * writing a commit's entries at once dirtied a page per channel (a block per channel per commit, as
 * schema version 2 stored the log, dirtied about four: {@code docs/benchmarks.md}), while entries
 * gathered over many commits fill few pages per channel. The sections of the batches not indexed yet
 * are kept in memory ({@link UnindexedSections}) for readers, and in each batch's directory on disk:
 * the log reads them back from the batches above the index's newest when it opens.
 *
 * <p>A batch row is deleted once no index entry points to it, and rewritten with others once little of
 * it is still pointed to ({@link #prune}).
 */
public final class EventBatchTable implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventBatchTable.class);
  /** Batches written before their index entries are (what a restart after a crash reads back at most). */
  static final int INDEX_EVERY_BATCHES = 64;
  /** Sections waiting for their index entries at most (memory and the size of one index write). */
  static final int INDEX_EVERY_SECTIONS = 2_048;
  /**
   * A channel's appends between two prunings of its old events (the writer's policy; the benchmark
   * prunes alike). A pruning costs two statements whatever it deletes, and a channel keeps up to this
   * many events beyond its retention.
   */
  public static final int PRUNE_EVERY = 1_024;
  /**
   * A batch is rewritten with others once the sections still indexed hold less than one part in this
   * many of its bytes ({@link EventBatchCompactor}): the events on disk take at most about this many
   * times what the channels keep, and compaction at most about {@code 1/(COMPACT_BELOW_SHARE - 1)}
   * more writing.
   */
  static final int COMPACT_BELOW_SHARE = 8;
  /**
   * Batches a pruning left while their sections were still in memory, remembered for the next
   * pruning's compaction at most (the index is written every {@link #INDEX_EVERY_BATCHES}: far fewer).
   */
  private static final int MAX_DEFERRED = 4_096;
  private static final String INSERT_BATCH = "INSERT INTO event_batches (id, data) VALUES (?, ?)";
  private static final String INSERT_INDEX = "INSERT OR IGNORE INTO event_index"
      + " (channel, last_seq, first_seq, batch, section_start, section_length) VALUES (?, ?, ?, ?, ?, ?)";

  private final EventBatch.Builder batch = new EventBatch.Builder();
  private final BlockCompressor compressor = new BlockCompressor();
  private final EventBatchCompactor compactor = new EventBatchCompactor(COMPACT_BELOW_SHARE, compressor);
  /** Batches left by a pruning while readers could take them from memory: compaction candidates later. */
  private final List<Long> deferred = new ArrayList<>();
  private final List<Object[]> batchRows = new ArrayList<>();
  private final UnindexedSections unindexed = new UnindexedSections();
  /** The last append's sections, for {@link #committed()}. */
  private final List<EventBatch.Placed> appended = new ArrayList<>();
  /** The last append wrote the index up to this batch (0: it wrote none). */
  private long indexedUpTo;
  private long nextId;
  /** {@link #nextId} is the table's: the last append was committed (a failed one may have used ids). */
  private boolean idKnown;

  /** The event log's table in {@code db}: the sections of batches not yet indexed are read back. */
  public EventBatchTable(Database db) {
    unindexed.addAll(db.read(EventBatchTable::unindexedOnDisk));
  }

  /**
   * Writes runs of events, in the caller's transaction: each run is one channel's events in seq order
   * (the ones a group commit holds). Call {@link #committed()} once the transaction is. Not thread-safe
   * (buffers reused): one per writer.
   */
  public void append(Database.Session s, List<List<Event>> runs) throws SQLException {
    batchRows.clear();
    appended.clear();
    indexedUpTo = 0;
    batch.reset();
    if (!idKnown) nextId = lastId(s) + 1;
    idKnown = false; // until committed()
    for (List<Event> run : runs) {
      for (Event e : run) {
        if (batch.full()) closeBatch();
        batch.add(e);
      }
      batch.endRun();
    }
    closeBatch();
    if (batchRows.isEmpty()) return;
    s.updateBatch(INSERT_BATCH, batchRows);
    batchRows.clear();
    int batches = unindexed.batches() + (int) (nextId - 1 - appended.get(0).batch() + 1);
    if (batches >= INDEX_EVERY_BATCHES || unindexed.sections() + appended.size() >= INDEX_EVERY_SECTIONS) {
      List<EventBatch.Placed> entries = unindexed.all();
      entries.addAll(appended);
      writeIndex(s, entries);
      indexedUpTo = nextId - 1;
    }
  }

  /** The last {@link #append}'s transaction is committed: its sections are now readable. */
  public void committed() {
    if (indexedUpTo > 0) {
      unindexed.dropUpTo(indexedUpTo);
    } else {
      unindexed.addAll(appended);
    }
    appended.clear();
    indexedUpTo = 0;
    idKnown = true;
  }

  private static void writeIndex(Database.Session s, List<EventBatch.Placed> entries) throws SQLException {
    List<Object[]> rows = new ArrayList<>(entries.size());
    for (EventBatch.Placed e : entries) {
      EventBatch.Section x = e.section();
      rows.add(new Object[] {x.channel(), x.lastSeq(), x.firstSeq(), e.batch(), x.start(), x.length()});
    }
    s.updateBatch(INSERT_INDEX, rows);
  }

  private static long lastId(Database.Session s) throws SQLException {
    try (ResultSet rs = s.query("SELECT MAX(id) FROM event_batches")) {
      return rs.next() ? rs.getLong(1) : 0L;
    }
  }

  /** The newest batch the index points to: every batch up to it is indexed (0 when none is). */
  private static long indexedMark(Database.Session s) throws SQLException {
    try (ResultSet rs = s.query("SELECT MAX(batch) FROM event_index")) {
      return rs.next() ? rs.getLong(1) : 0L;
    }
  }

  private void closeBatch() {
    if (batch.isEmpty()) return;
    long id = nextId++;
    batchRows.add(new Object[] {id, batch.toStored(compressor)}); // closes the open section
    for (EventBatch.Section x : batch.sections()) appended.add(new EventBatch.Placed(id, x));
    batch.reset();
  }

  /** Frees the compressor's native memory. */
  @Override
  public void close() {
    compressor.close();
  }

  /**
   * The sections of the batches above the index's newest, read from their directories. A batch whose
   * directory is damaged is reported; its events cannot be found (they could not be read either).
   */
  private static List<EventBatch.Placed> unindexedOnDisk(Database.Session s) throws SQLException {
    List<EventBatch.Placed> out = new ArrayList<>();
    try (ResultSet rs = s.query("SELECT id, data FROM event_batches WHERE id > ? ORDER BY id", indexedMark(s))) {
      while (rs.next()) {
        long id = rs.getLong(1);
        try {
          for (EventBatch.Section x : EventBatch.directory(EventBlock.unpack(rs.getBytes(2)))) {
            out.add(new EventBatch.Placed(id, x));
          }
        } catch (EventBlock.CorruptBlockException e) {
          log.error("event batch {} is damaged, its events are skipped: {}", id, e.getMessage());
        }
      }
    }
    return out;
  }

  /**
   * Writes the index entries of every batch not indexed yet, from their directories on disk (for a
   * writer other than the log's, before it indexes batches of its own: see {@link #appendStoredBlock}).
   */
  static void indexUnindexedOnDisk(Database.Session s) throws SQLException {
    List<EventBatch.Placed> entries = unindexedOnDisk(s);
    if (!entries.isEmpty()) writeIndex(s, entries);
  }

  /**
   * Writes a stored block of schema version 2 ({@link EventBlockTable}) as a batch of its own, its
   * bytes unchanged (a damaged one stays as it was, reported when read), indexed at once, in the
   * caller's transaction. For the move at the log's opening, after {@link #indexUnindexedOnDisk}: an
   * index entry above batches not indexed yet would hide them (the index's newest batch marks
   * where the unindexed ones start).
   */
  static void appendStoredBlock(Database.Session s, String channel, long firstSeq, long lastSeq, byte[] stored)
      throws SQLException {
    long id = lastId(s) + 1;
    s.update(INSERT_BATCH, id, stored);
    s.update(INSERT_INDEX, channel, lastSeq, firstSeq, id, 0, BlockCompressor.plainLength(stored));
  }

  /** The channel's newest seq on disk, 0 when it has none. */
  long head(Database.Session s, String channel) throws SQLException {
    // Memory before the index: see read
    List<EventBatch.Placed> recent = unindexed.of(channel);
    if (!recent.isEmpty()) return recent.get(recent.size() - 1).section().lastSeq();
    try (ResultSet rs = s.query("SELECT MAX(last_seq) FROM event_index WHERE channel = ?", channel)) {
      return rs.next() ? rs.getLong(1) : 0L;
    }
  }

  /**
   * The channel's newest seq in the database file, read without a table (what another process sees:
   * the index and the directories of the batches not indexed yet).
   */
  public static long headOnDisk(Database.Session s, String channel) throws SQLException {
    List<EventBatch.Placed> sections = sectionsOnDisk(s, channel);
    return sections.isEmpty() ? 0 : sections.get(sections.size() - 1).section().lastSeq();
  }

  /** The channel's sections in the database file, oldest first: the index's, then the unindexed batches'. */
  static List<EventBatch.Placed> sectionsOnDisk(Database.Session s, String channel) throws SQLException {
    List<EventBatch.Placed> out = new ArrayList<>();
    try (ResultSet rs = s.query("SELECT first_seq, last_seq, batch, section_start, section_length FROM event_index"
        + " WHERE channel = ? ORDER BY last_seq", channel)) {
      while (rs.next()) {
        out.add(new EventBatch.Placed(rs.getLong(3),
            new EventBatch.Section(channel, rs.getLong(1), rs.getLong(2), rs.getInt(4), rs.getInt(5))));
      }
    }
    for (EventBatch.Placed e : unindexedOnDisk(s)) {
      if (e.section().channel().equals(channel)) out.add(e);
    }
    return out;
  }

  /**
   * Up to {@code limit} events of the channel after {@code after}, oldest first: from the index, then
   * from the batches not indexed yet. A damaged batch or index entry is logged and skipped (the
   * section's readable events before the damage are kept): a reader gets the rest of the feed, never
   * an exception.
   */
  List<Event> read(Database.Session s, String channel, long after, int limit) throws SQLException {
    // The sections in memory are taken before the index is queried: the writer drops sections from
    // memory only after the commit that indexed them, so a query starting later finds them there,
    // whether or not reads share the writer's connection (they do now, under its lock). Sections
    // found both ways are read once (the reader skips what it has passed).
    List<EventBatch.Placed> recent = unindexed.of(channel);
    SectionReader reader = new SectionReader(channel, after, limit);
    // Every section holds at least one event: `limit` entries are always enough.
    try (ResultSet rs = s.query("SELECT i.first_seq, i.last_seq, i.batch, i.section_start, i.section_length, b.data"
        + " FROM event_index i LEFT JOIN event_batches b ON b.id = i.batch"
        + " WHERE i.channel = ? AND i.last_seq > ? ORDER BY i.last_seq LIMIT ?", channel, after, limit)) {
      while (!reader.full() && rs.next()) {
        long id = rs.getLong(3);
        EventBatch.Section x = new EventBatch.Section(channel, rs.getLong(1), rs.getLong(2), rs.getInt(4), rs.getInt(5));
        reader.read(id, x, () -> rs.getBytes(6));
      }
    }
    for (EventBatch.Placed e : recent) {
      if (reader.full()) break;
      if (e.section().lastSeq() <= reader.after) continue;
      reader.read(e.batch(), e.section(), () -> batchData(s, e.batch()));
    }
    return reader.out;
  }

  private static byte[] batchData(Database.Session s, long id) throws SQLException {
    try (ResultSet rs = s.query("SELECT data FROM event_batches WHERE id = ?", id)) {
      return rs.next() ? rs.getBytes(1) : null;
    }
  }

  /** A batch's stored bytes, fetched only when not already inflated. */
  @FunctionalInterface
  private interface BatchData {
    byte[] get() throws SQLException;
  }

  /** Decodes one channel's sections in seq order, inflating each batch once. */
  private static final class SectionReader {
    final String channel;
    final int limit;
    final List<Event> out;
    long after;
    /** A channel's run longer than a block leaves several sections in one batch. */
    long unpackedId = -1;
    byte[] unpacked;

    SectionReader(String channel, long after, int limit) {
      this.channel = channel;
      this.after = after;
      this.limit = limit;
      this.out = new ArrayList<>(Math.min(limit, EventBlock.MAX_EVENTS));
    }

    boolean full() {
      return out.size() >= limit;
    }

    void read(long id, EventBatch.Section x, BatchData data) throws SQLException {
      try {
        if (id != unpackedId) {
          unpackedId = id;
          unpacked = null;
          byte[] stored = data.get();
          if (stored == null) throw new EventBlock.CorruptBlockException("batch " + id + " is missing");
          unpacked = EventBlock.unpack(stored);
        }
        if (unpacked == null) throw new EventBlock.CorruptBlockException("batch " + id + " is unreadable");
        EventBlock.decodeSection(channel, x.firstSeq(), x.lastSeq(), unpacked, x.start(), x.start() + x.length(),
            after, limit, out);
      } catch (EventBlock.CorruptBlockException e) {
        log.error("events of {} seq {}..{} in batch {} are damaged, their unreadable events are skipped: {}",
            channel, x.firstSeq(), x.lastSeq(), id, e.getMessage());
      }
      after = Math.max(after, x.lastSeq()); // the next section starts after this one, damaged or not
    }
  }

  /**
   * Deletes each channel's index entries whose every event is at or below its {@code keepAfter}, then
   * the batches no entry points to any more, then compacts the batches they left mostly dead
   * ({@link EventBatchCompactor}), in the caller's transaction. A section holding that seq and newer
   * ones stays whole, so up to {@link EventBlock#MAX_EVENTS} - 1 events older than the retention may
   * remain until the next pruning after it; sections not indexed yet wait for a pruning after their
   * index is written. A batch stays while any of its channels keeps a section of it, rewritten with
   * others once that is less than {@code 1/}{@link #COMPACT_BELOW_SHARE} of it.
   */
  public void prune(Database.Session s, Map<String, Long> keepAfterByChannel) throws SQLException {
    List<Long> left = new ArrayList<>();
    for (Map.Entry<String, Long> e : keepAfterByChannel.entrySet()) {
      try (ResultSet rs = s.query("DELETE FROM event_index WHERE channel = ? AND last_seq <= ? RETURNING batch",
          e.getKey(), e.getValue())) {
        while (rs.next()) {
          long id = rs.getLong(1);
          // a channel's sections of one batch mostly come together
          if (left.isEmpty() || left.get(left.size() - 1) != id) left.add(id);
        }
      }
    }
    if (left.isEmpty()) return;
    // One statement for every batch the channels left (a JSON array of ids): each is a statement's work less.
    try (ResultSet rs = s.query("DELETE FROM event_batches WHERE id IN (SELECT value FROM json_each(?))"
        + " AND NOT EXISTS (SELECT 1 FROM event_index WHERE batch = event_batches.id) RETURNING id", jsonArray(left))) {
      Set<Long> deleted = new HashSet<>();
      while (rs.next()) deleted.add(rs.getLong(1));
      left.removeAll(deleted);
    }
    // A busy channel alone leaves only dead batches: then there is nothing to compact, and the
    // savepoint and the query of live shares (three statements) are skipped.
    if (!left.isEmpty() || !deferred.isEmpty()) compact(s, left);
  }

  /**
   * Compacts the batches just left and those an earlier pruning left while readers could still take
   * them from memory, all or nothing (a savepoint): a failure leaves them as they were, logged, and
   * the caller's transaction (the commit of new events) goes on.
   */
  private void compact(Database.Session s, List<Long> left) throws SQLException {
    long below = firstInMemory();
    List<Long> candidates = new ArrayList<>(left);
    candidates.addAll(deferred);
    deferred.clear();
    for (long id : candidates) {
      if (id >= below && deferred.size() < MAX_DEFERRED) deferred.add(id);
    }
    s.update("SAVEPOINT compaction");
    try {
      compactor.compact(s, jsonArray(candidates), below);
    } catch (SQLException | RuntimeException e) {
      s.update("ROLLBACK TO compaction");
      log.error("compacting event batches failed, they stay as they are", e);
    } finally {
      s.update("RELEASE compaction");
    }
  }

  private static String jsonArray(List<Long> ids) {
    StringBuilder out = new StringBuilder(ids.size() * 8).append('[');
    for (int i = 0; i < ids.size(); i++) out.append(i > 0 ? "," : "").append(ids.get(i));
    return out.append(']').toString();
  }

  /**
   * The first batch whose sections readers may still take from memory: this append's, or an unindexed
   * one before it. Compaction moves only sections below it, which readers find through the index.
   */
  private long firstInMemory() {
    long first = appended.isEmpty() ? Long.MAX_VALUE : appended.get(0).batch();
    return Math.min(first, unindexed.firstBatch());
  }
}
