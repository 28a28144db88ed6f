package sidekick.core.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
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
import sidekick.core.Event;
import sidekick.core.EventListener;
import sidekick.core.EventPage;
import sidekick.core.Subscription;
import sidekick.core.db.Database;
import sidekick.core.util.Json;

/**
 * Every channel's feed: events with a seq growing by one per channel, persisted in {@code events},
 * delivered live to subscribers in seq order. Appends to one channel are serialized by that channel's
 * lock, which is also held while listeners run, so no listener ever sees events out of order or twice,
 * and a subscriber's backlog and live events meet without a gap. One process appends (the data
 * directory's lock guarantees it), so each channel's head seq and its newest events are kept in
 * memory: appends and most reads never wait for the disk. {@link EventWriter} commits them in
 * batches; a crash loses at most the events of the last few milliseconds, a clean close none.
 */
public final class EventLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventLog.class);

  /** An event to append: its type and its type-specific fields, in order. */
  public record NewEvent(String type, Map<String, ?> fields) {}

  private final Database db;
  private final Clock clock;
  private final int pageLimit;
  private final EventWriter writer;
  private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
  private final AtomicLong appended = new AtomicLong();

  public EventLog(Database db, Clock clock, int pageLimit, long retentionPerChannel) {
    this.db = db;
    this.clock = clock;
    this.pageLimit = pageLimit;
    this.writer = new EventWriter(db, retentionPerChannel);
  }

  /** One channel's order and subscribers. */
  private final class Feed {
    final String channel;
    final ReentrantLock lock = new ReentrantLock();
    final List<Sub> subscribers = new CopyOnWriteArrayList<>();
    /** The newest events (up to one page), oldest first: what live readers ask for. */
    final ArrayDeque<Event> recent = new ArrayDeque<>();
    long head = -1;

    Feed(String channel) {
      this.channel = channel;
    }

    long head() {
      if (head < 0) {
        head = db.read(s -> {
          try (ResultSet rs = s.query("SELECT MAX(seq) FROM events WHERE channel = ?", channel)) {
            return rs.next() ? rs.getLong(1) : 0L;
          }
        });
      }
      return head;
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

  private Feed feed(String channel) {
    return feeds.computeIfAbsent(channel, Feed::new);
  }

  public Event append(String channel, String type, Map<String, ?> fields) {
    return appendAll(channel, List.of(new NewEvent(type, fields))).get(0);
  }

  /** Appends events to one channel in one transaction, then delivers them. */
  public List<Event> appendAll(String channel, List<NewEvent> events) {
    if (events.isEmpty()) return List.of();
    Feed feed = feed(channel);
    feed.lock.lock();
    try {
      long seq = feed.head();
      Instant at = clock.instant();
      List<Event> made = new ArrayList<>(events.size());
      for (NewEvent e : events) made.add(event(channel, ++seq, e, at));
      writer.submit(made);
      feed.head = seq;
      for (Event e : made) {
        feed.recent.addLast(e);
        if (feed.recent.size() > pageLimit) feed.recent.removeFirst();
      }
      appended.addAndGet(made.size());
      for (Event e : made) deliver(feed, e);
      return made;
    } finally {
      feed.lock.unlock();
    }
  }

  private Event event(String channel, long seq, NewEvent e, Instant at) {
    ObjectNode json = Json.object();
    json.put("seq", seq);
    json.put("type", e.type());
    json.put("at", Json.at(at));
    json.put("channel", channel);
    e.fields().forEach((k, v) -> {
      if (!json.has(k)) Json.put(json, k, v);
    });
    return new Event(channel, seq, e.type(), Instant.ofEpochMilli(at.toEpochMilli()), Json.write(json));
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
    Feed feed = feed(channel);
    feed.lock.lock();
    try {
      return page(feed, Math.max(0, after), clampLimit(limit), false);
    } finally {
      feed.lock.unlock();
    }
  }

  /** Subscribes; the backlog holds the newest events after {@code after} (at most the page limit). */
  public Subscription subscribe(String channel, long after, EventListener listener) {
    Feed feed = feed(channel);
    feed.lock.lock();
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
    return db.read(s -> {
      List<Event> out = new ArrayList<>();
      try (ResultSet rs = s.query("SELECT seq, type, at, json FROM events WHERE channel = ? AND seq > ?"
          + " ORDER BY seq LIMIT ?", feed.channel, from, limit)) {
        while (rs.next()) {
          out.add(new Event(feed.channel, rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
              rs.getString(4)));
        }
      }
      return out;
    });
  }

  private int clampLimit(int limit) {
    return Math.max(1, Math.min(limit, pageLimit));
  }

  /** The last seq of a channel (0 when it has no event). */
  public long head(String channel) {
    Feed feed = feed(channel);
    feed.lock.lock();
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
