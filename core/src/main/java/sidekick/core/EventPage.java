package sidekick.core;

import java.util.List;

/**
 * Events of one channel after some sequence number, oldest first. {@code next} is the seq to ask after
 * next time (the last event's seq, or the asked-for seq when there is none). {@code truncated} says that
 * more events exist after {@code next} than the limit allowed.
 */
public record EventPage(List<Event> events, long next, boolean truncated) {
  public EventPage {
    events = List.copyOf(events);
  }
}
