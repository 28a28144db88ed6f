package sidekick.core;

import java.util.List;

/**
 * Events of one channel after some sequence number, oldest first. {@code next} is the seq to ask after
 * next time (the last event's seq, or the asked-for seq when there is none). {@code truncated} says that
 * the page does not hold every event after the asked-for seq: more exist after {@code next} (a read
 * hit its limit), or older ones were skipped (a subscription's backlog keeps the newest).
 */
public record EventPage(List<Event> events, long next, boolean truncated) {
  public EventPage {
    events = List.copyOf(events);
  }
}
