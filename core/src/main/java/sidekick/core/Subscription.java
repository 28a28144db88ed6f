package sidekick.core;

/**
 * A live subscription to a channel's feed. {@link #backlog()} holds the events after the seq asked for
 * that existed when subscribing (at most the configured page limit, the newest ones when truncated);
 * the listener then gets every later event exactly once, with no gap. Close it to stop.
 */
public interface Subscription extends AutoCloseable {
  EventPage backlog();

  @Override
  void close();
}
