package sidekick.http.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import sidekick.core.Event;
import sidekick.core.EventPage;
import sidekick.core.Subscription;
import sidekick.http.api.Api;
import sidekick.http.api.Json;
import sidekick.http.frame.Frame;
import sidekick.http.frame.FrameType;

/**
 * One channel subscription of a WebSocket session. The core may deliver live events before the
 * subscribe call has returned its backlog; those are held until the type-3 sync frame (the backlog)
 * has gone out, so the client sees every event once, in order. Runs on the session's event loop.
 */
final class ChannelFeed {
  private final WebSocketSession session;
  private final String channel;
  private final JsonNode requestId;
  private final List<Event> early = new ArrayList<>();
  private Subscription subscription;
  private long lastSent = -1;
  private boolean closed;

  ChannelFeed(WebSocketSession session, String channel, JsonNode requestId) {
    this.session = session;
    this.channel = channel;
    this.requestId = requestId;
  }

  String channel() {
    return channel;
  }

  /** The core's listener: runs on the appending thread, so only hands the event over. */
  void fromCore(Event event) {
    session.executor().execute(() -> onEvent(event));
  }

  private void onEvent(Event event) {
    if (closed) return;
    if (subscription == null) {
      early.add(event);
      return;
    }
    broadcast(event);
  }

  void subscribed(Subscription sub) {
    if (closed) {
      sub.close();
      return;
    }
    subscription = sub;
    EventPage backlog = sub.backlog();
    ObjectNode sync = Api.eventPage(backlog.events(), backlog.next(), backlog.truncated());
    ObjectNode body = Json.object();
    body.set("id", requestId);
    body.put("channel", channel);
    body.setAll(sync);
    session.write(new Frame(FrameType.SYNC, "subscribe", Json.bytes(body)));
    lastSent = backlog.next();
    for (Event e : early) broadcast(e);
    early.clear();
  }

  private void broadcast(Event event) {
    if (event.seq() <= lastSent) return;
    lastSent = event.seq();
    session.write(new Frame(FrameType.BROADCAST, event.type(), event.json().getBytes(StandardCharsets.UTF_8)));
  }

  void close() {
    closed = true;
    early.clear();
    if (subscription != null) subscription.close();
  }
}
