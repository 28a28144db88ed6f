package sidekick.core;

/**
 * Receives a channel's events as they are appended, in seq order. It is called on the appending thread
 * (while the channel's order is held), so it must return quickly and never block: hand the event to an
 * event loop or a queue. An exception it throws is logged and the listener removed.
 */
@FunctionalInterface
public interface EventListener {
  void onEvent(Event event);
}
