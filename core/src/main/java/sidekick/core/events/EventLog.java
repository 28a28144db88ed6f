package sidekick.core.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.CoreConfig;
import sidekick.core.Event;
import sidekick.core.EventListener;
import sidekick.core.EventPage;
import sidekick.core.Subscription;
import sidekick.core.db.Database;
import sidekick.core.util.Json;

/**
 * Every channel's feed: events with a seq growing by one per channel, persisted in one row per group
 * commit for all its channels ({@link EventBatchTable}),
 * delivered live to subscribers in seq order. Appends to one channel are serialized by that channel's
 * lock, which is also held while listeners run, so no listener ever sees events out of order or twice,
 * and a subscriber's backlog and live events meet without a gap. One process appends (the data
 * directory's lock guarantees it), so each channel's head seq and its newest events are kept in
 * memory: appends and most reads never wait for the disk. {@link EventWriter} commits them in
 * batches; a crash loses at most the events of the last few milliseconds, a clean close none, and
 * {@link #whenCommitted} lets an answer wait for its events' commit without holding a thread. Feeds
 * of idle channels are dropped beyond a bound and read again from disk when used.
 */
public final class EventLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventLog.class);

  /**
   * An event to append: its type and its own fields already encoded as JSON members, each with a
   * leading comma ({@code ,"user":"u1","total":17}); build them with {@link EventFields}.
   */
  public record NewEvent(String type, String fieldsJson) {
    /** From a map of simple values (strings, numbers, booleans, null), in the map's order. */
    public static NewEvent of(String type, Map<String, ?> fields) {
      EventFields f = new EventFields();
      fields.forEach(f::put);
      return f.toEvent(type);
    }
  }

  /**
   * Tries for a channel's lock before a thread parks for it. An append holds the lock for about a µs,
   * and its holder is usually running, so a short spin gets it; a park costs the holder a wake-up
   * call on its way out and the parked thread (an event loop, with its connections) a wait for a core,
   * milliseconds on a busy machine (measured with JFR's park events under load).
   */
  static final int LOCK_SPINS = 100;

  private final Database db;
  private final Clock clock;
  private final int pageLimit;
  private final int memoryPerChannel;
  private final int maxFeeds;
  private final EventWriter writer;
  private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
  private final AtomicLong appended = new AtomicLong();

  public EventLog(Database db, Clock clock, int pageLimit, long retentionPerChannel) {
    this(db, clock, pageLimit, retentionPerChannel, CoreConfig.DEFAULT_EVENT_MEMORY_PER_CHANNEL,
        CoreConfig.DEFAULT_MAX_FEEDS_IN_MEMORY);
  }

  public EventLog(Database db, Clock clock, int pageLimit, long retentionPerChannel, int memoryPerChannel,
      int maxFeeds) {
    this(db, clock, pageLimit, retentionPerChannel, memoryPerChannel, maxFeeds,
        CoreConfig.DEFAULT_EVENT_COMMIT_WINDOW);
  }

  /** {@code commitWindow}: how long the writer gathers events nobody waits for ({@link EventWriter}). */
  public EventLog(Database db, Clock clock, int pageLimit, long retentionPerChannel, int memoryPerChannel,
      int maxFeeds, java.time.Duration commitWindow) {
    this.db = db;
    this.clock = clock;
    this.pageLimit = pageLimit;
    this.memoryPerChannel = memoryPerChannel;
    this.maxFeeds = maxFeeds;
    LegacyEventRows.moveIntoBlocks(db); // a database last used by a row-per-event version
    LegacyEventBlocks.moveIntoBatches(db); // ... or by a block-per-channel one (and the rows just moved)
    this.writer = new EventWriter(db, retentionPerChannel, EventWriter.lingerNanos(commitWindow), this::committed);
  }

  /** One channel's order and subscribers. */
  private final class Feed {
    final String channel;
    final ReentrantLock lock = new ReentrantLock();
    final List<Sub> subscribers = new CopyOnWriteArrayList<>();
    /** The newest events, oldest first: what live readers ask for. */
    final ArrayDeque<Event> recent = new ArrayDeque<>();
    long head = -1;
    /** Set once {@link #head} is known: read without the lock by {@link #appendsWithoutWaiting}. */
    volatile boolean headKnown;
    /** The newest seq on disk (set by the writer thread). */
    volatile long committed = -1;
    volatile long lastUsedNanos = System.nanoTime();
    /** Dropped from {@link #feeds}: whoever locked it takes the channel's new feed instead. */
    volatile boolean evicted;

    Feed(String channel) {
      this.channel = channel;
    }

    long head() {
      if (head < 0) {
        head = db.read(s -> writer.table().head(s, channel));
        committed = Math.max(committed, head);
        headKnown = true;
      }
      return head;
    }

    /** No subscriber and nothing waiting for the disk: it can be dropped and read again later. */
    boolean idle() {
      return subscribers.isEmpty() && head >= 0 && committed >= head;
    }
  }

  private final class Sub implements Subscription {
    final Feed feed;
    final EventListener listener;
    final EventPage backlog;

    Sub(Feed feed, EventListener listener, EventPage backlog) {
      this.feed = feed;
      this.listener = listener;
      this.backlog = backlog;
    }

    @Override
    public EventPage backlog() {
      return backlog;
    }

    @Override
    public void close() {
      feed.subscribers.remove(this);
    }
  }

  /** The channel's feed, locked; the caller unlocks it. */
  private Feed lockedFeed(String channel) {
    while (true) {
      Feed feed = feeds.get(channel);
      if (feed == null) {
        feed = feeds.computeIfAbsent(channel, Feed::new);
        if (feeds.size() > maxFeeds) evictIdle();
      }
      lock(feed.lock);
      if (!feed.evicted) {
        feed.lastUsedNanos = System.nanoTime();
        return feed;
      }
      feed.lock.unlock();
    }
  }

  private static void lock(ReentrantLock lock) {
    for (int i = 0; i < LOCK_SPINS; i++) {
      if (!lock.isLocked() && lock.tryLock()) return; // a read first: failed CASes would slow the holder down
      Thread.onSpinWait();
    }
    lock.lock();
  }

  /**
   * Drops the longest idle feeds until a tenth of the limit is free again. A feed with subscribers,
   * events not yet on disk or a thread inside is kept; its head is read from disk when used again.
   */
  private synchronized void evictIdle() {
    if (feeds.size() <= maxFeeds) return;
    List<Feed> candidates = new ArrayList<>(feeds.values());
    candidates.sort(java.util.Comparator.comparingLong(f -> f.lastUsedNanos));
    int target = maxFeeds - Math.max(1, maxFeeds / 10);
    for (Feed f : candidates) {
      if (feeds.size() <= target) break;
      if (!f.lock.tryLock()) continue;
      try {
        if (f.idle()) {
          f.evicted = true;
          feeds.remove(f.channel, f);
        }
      } finally {
        f.lock.unlock();
      }
    }
  }

  /** From the writer: a channel's events up to {@code seq} are on disk. */
  private void committed(String channel, long seq) {
    Feed feed = feeds.get(channel);
    if (feed != null && feed.committed < seq) feed.committed = seq;
  }

  /** Channels whose feed is held in memory. */
  public int feedsInMemory() {
    return feeds.size();
  }

  public Event append(String channel, String type, Map<String, ?> fields) {
    return appendAll(channel, List.of(NewEvent.of(type, fields))).get(0);
  }

  /** Appends events to one channel (committed together), then delivers them. */
  public List<Event> appendAll(String channel, List<NewEvent> events) {
    if (events.isEmpty()) return List.of();
    // What the events share is encoded before taking the channel's lock, which then numbers them and
    // writes each event's JSON in one concatenation (one copy): a busy channel's commands wait for
    // each other as little as possible, and a roll's two events cost no intermediate strings.
    Stamp at = stamp();
    String shared = ",\"at\":\"" + at.text + "\",\"channel\":\"" + Json.escaped(channel) + "\"";
    Feed feed = lockedFeed(channel);
    List<Event> made = new ArrayList<>(events.size());
    long ticket;
    try {
      long seq = feed.head();
      for (NewEvent e : events) {
        made.add(new Event(channel, ++seq, e.type(), at.instant, json(seq, e, shared)));
      }
      ticket = writer.handOver(made);
      feed.head = seq;
      for (Event e : made) {
        feed.recent.addLast(e);
        if (feed.recent.size() > memoryPerChannel) feed.recent.removeFirst();
      }
      appended.addAndGet(made.size());
      for (Event e : made) deliver(feed, e);
    } finally {
      feed.lock.unlock();
    }
    writer.wakeFor(ticket);
    return made;
  }

  /** The clock's millisecond and its wire form: many appends share one under load, so it is kept. */
  private record Stamp(long millis, Instant instant, String text) {}

  private volatile Stamp lastStamp = new Stamp(Long.MIN_VALUE, Instant.EPOCH, "");

  private Stamp stamp() {
    long millis = clock.millis();
    Stamp last = lastStamp;
    if (last.millis == millis) return last;
    Instant at = Instant.ofEpochMilli(millis);
    Stamp now = new Stamp(millis, at, Json.at(at));
    lastStamp = now;
    return now;
  }

  /**
   * True when appending {@code n} events to the channel now waits for nothing (its head is known,
   * the writer has room): then an append is pure CPU work, fit for an event loop.
   */
  public boolean appendsWithoutWaiting(String channel, int n) {
    Feed feed = feeds.get(channel);
    if (feed == null || !writer.hasRoomFor(n)) return false;
    // two volatile reads, not the channel's lock: a busy channel's appenders are not slowed down by
    // the check (an eviction right after it is no worse than one right after an unlock was)
    return feed.headKnown && !feed.evicted;
  }

  /**
   * Runs {@code action} once every event appended before this call is on disk (at once if they
   * are): without holding a thread, on the writer's thread after the commit. Keep it short.
   */
  public void whenCommitted(Runnable action) {
    writer.whenCommitted(writer.ticketNow(), action);
  }

  /**
   * An event's JSON: {@code {"seq":N,"type":T}}, then what its channel's events of this append share
   * ({@code ,"at":A,"channel":C}), then its own fields. By concatenation rather than through a tree or
   * a generator: this runs for every roll and reply.
   */
  private static String json(long seq, NewEvent e, String shared) {
    return "{\"seq\":" + seq + ",\"type\":\"" + Json.escaped(e.type()) + "\"" + shared + e.fieldsJson() + "}";
  }

  private void deliver(Feed feed, Event e) {
    for (Sub sub : feed.subscribers) {
      try {
        sub.listener.onEvent(e);
      } catch (RuntimeException ex) {
        log.warn("event listener on {} failed, removed: {}", feed.channel, ex.toString());
        feed.subscribers.remove(sub);
      }
    }
  }

  /** Up to {@code limit} events after {@code after}, oldest first. */
  public EventPage read(String channel, long after, int limit) {
    Feed feed = lockedFeed(channel);
    try {
      return page(feed, Math.max(0, after), clampLimit(limit), false);
    } finally {
      feed.lock.unlock();
    }
  }

  /** Subscribes; the backlog holds the newest events after {@code after} (at most the page limit). */
  public Subscription subscribe(String channel, long after, EventListener listener) {
    Feed feed = lockedFeed(channel);
    try {
      EventPage backlog = page(feed, Math.max(0, after), pageLimit, true);
      Sub sub = new Sub(feed, listener, backlog);
      feed.subscribers.add(sub);
      return sub;
    } finally {
      feed.lock.unlock();
    }
  }

  private EventPage page(Feed feed, long after, int limit, boolean newest) {
    long head = feed.head();
    if (after >= head) return new EventPage(List.of(), after, false);
    boolean truncated = head - after > limit;
    long from = truncated && newest ? head - limit : after;
    List<Event> events = fromMemory(feed, from, limit);
    if (events == null) events = fromDisk(feed, from, limit);
    long next = events.isEmpty() ? Math.max(after, from) : events.get(events.size() - 1).seq();
    return new EventPage(events, next, from > after || next < head);
  }

  /** The events after {@code from} when memory holds all of them from there, else null. */
  private static List<Event> fromMemory(Feed feed, long from, int limit) {
    Event oldest = feed.recent.peekFirst();
    if (oldest == null || oldest.seq() > from + 1) return null;
    List<Event> out = new ArrayList<>(Math.min(limit, feed.recent.size()));
    for (Event e : feed.recent) {
      if (e.seq() <= from) continue;
      if (out.size() == limit) break;
      out.add(e);
    }
    return out;
  }

  private List<Event> fromDisk(Feed feed, long from, int limit) {
    writer.flush();
    return db.read(s -> writer.table().read(s, feed.channel, from, limit));
  }

  private int clampLimit(int limit) {
    return Math.max(1, Math.min(limit, pageLimit));
  }

  /** The last seq of a channel (0 when it has no event). */
  public long head(String channel) {
    Feed feed = lockedFeed(channel);
    try {
      return feed.head();
    } finally {
      feed.lock.unlock();
    }
  }

  public long appendedCount() {
    return appended.get();
  }

  /** Events appended and not yet committed to disk. */
  public long pendingWrites() {
    return writer.pending();
  }

  /** Waits until every event appended so far is on disk. */
  public void flush() {
    writer.flush();
  }

  /** Commits what is pending and stops the writer. */
  @Override
  public void close() {
    writer.close();
  }

  public int subscriberCount() {
    int n = 0;
    for (Feed f : feeds.values()) n += f.subscribers.size();
    return n;
  }
}
