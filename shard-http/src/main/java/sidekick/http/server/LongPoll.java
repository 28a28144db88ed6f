package sidekick.http.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import sidekick.core.CoreException;
import sidekick.core.Event;
import sidekick.core.EventPage;
import sidekick.core.Principal;
import sidekick.core.Subscription;
import sidekick.core.TokenInfo;
import sidekick.http.api.Api;
import sidekick.http.api.ApiException;
import sidekick.http.api.ApiResult;
import sidekick.http.api.Args;
import sidekick.http.api.Op;

/**
 * A parked {@code GET /v1/channels/{c}/events?after=&wait=}: subscribes to the channel through the
 * core, answers at once when events after {@code after} exist, otherwise holds the request (no
 * thread, no polling loop) until the core's listener delivers an event, the wait runs out, the
 * client goes away or its token is revoked. State changes happen on the connection's event loop.
 */
final class LongPoll implements Sessions.Revocable {
  private final Exchange exchange;
  private final Principal caller;
  private final ObjectNode args;
  private final long after;
  private final int waitSeconds;
  private final List<Event> early = new ArrayList<>();
  private Subscription subscription;
  private ScheduledFuture<?> timeout;
  private boolean done;

  private LongPoll(Exchange exchange, Principal caller, ObjectNode args, long after, int waitSeconds) {
    this.exchange = exchange;
    this.caller = caller;
    this.args = args;
    this.after = after;
    this.waitSeconds = waitSeconds;
  }

  /** Starts a long poll; called on the event loop, the blocking part runs on a worker. */
  static void start(Exchange exchange, String token, ObjectNode args) {
    ServerContext server = exchange.server;
    String channel = Args.text(args, "channel");
    long after = Args.longValue(args, "after", 0);
    int wait = Args.intValue(args, "wait", 0);
    if (after < 0 || wait < 0) throw ApiException.badRequest("after and wait must not be negative");
    int waitSeconds = Math.min(wait, server.config.maxLongPollSeconds());
    server.submit(
        () -> {
          try {
            Api api = server.api;
            Principal caller = api.authenticate(token);
            api.admit(caller);
            LongPoll poll = new LongPoll(exchange, caller, args, after, waitSeconds);
            // registered before subscribing, and the token checked again, so no revocation slips by
            server.sessions.add(poll);
            if (api.core().authenticate(token).isEmpty()) poll.revoke(null);
            Subscription sub = api.core().subscribe(caller, channel, after, poll::fromCore);
            exchange.ctx.executor().execute(() -> poll.subscribed(sub));
          } catch (CoreException e) {
            exchange.fail(Api.translate(e));
          } catch (ApiException e) {
            exchange.fail(e);
          }
        });
  }

  @Override
  public String tokenId() {
    return caller.tokenId();
  }

  @Override
  public void revoke(TokenInfo token) {
    exchange.ctx.executor().execute(() -> {
      if (done) return;
      finish();
      exchange.fail(new ApiException(401, "token revoked"));
    });
  }

  /** Answers at once with what there is (nothing): the client polls again, elsewhere or later. */
  @Override
  public void serverClosing() {
    exchange.ctx.executor().execute(() -> answer(List.of(), after));
  }

  /** The core's listener: runs on the appending thread, so only hands the event over. */
  private void fromCore(Event event) {
    exchange.ctx.executor().execute(() -> onEvent(event));
  }

  private void onEvent(Event event) {
    if (done) return;
    if (subscription == null) {
      early.add(event);
    } else {
      answer(List.of(event), event.seq());
    }
  }

  private void subscribed(Subscription sub) {
    if (done) {
      sub.close();
      return;
    }
    this.subscription = sub;
    if (!exchange.ctx.channel().isActive() || exchange.answered()) {
      finish();
      return;
    }
    EventPage backlog = sub.backlog();
    if (backlog.truncated()) {
      // the backlog holds the newest events; a poller needs the oldest after its seq first
      finish();
      readPage();
      return;
    }
    List<Event> events = new ArrayList<>(backlog.events());
    long last = backlog.next();
    for (Event e : early) {
      if (e.seq() > last) {
        events.add(e);
        last = e.seq();
      }
    }
    early.clear();
    if (!events.isEmpty() || waitSeconds == 0) {
      answer(events, Math.max(last, after));
      return;
    }
    timeout =
        exchange.ctx.executor().schedule(() -> answer(List.of(), after), waitSeconds, TimeUnit.SECONDS);
    exchange.ctx.channel().closeFuture().addListener(f -> exchange.ctx.executor().execute(this::finish));
  }

  private void readPage() {
    exchange.server.submit(
        () -> {
          try {
            ApiResult r = exchange.server.api.call(Op.EVENTS, caller, args, null);
            exchange.send(Responses.json(r.status(), r.body()));
          } catch (ApiException e) {
            exchange.fail(e);
          }
        });
  }

  private void answer(List<Event> events, long next) {
    if (done) return;
    finish();
    exchange.send(Responses.json(200, Api.eventPage(events, next, false)));
  }

  private void finish() {
    if (done) return;
    done = true;
    if (timeout != null) timeout.cancel(false);
    if (subscription != null) subscription.close();
    exchange.server.sessions.remove(this);
  }
}
