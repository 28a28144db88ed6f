package sidekick.bot.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sidekick.core.Attachment;
import sidekick.core.CommandRequest;
import sidekick.http.client.CoreClient;
import sidekick.http.client.CoreClientConfig;
import sidekick.http.client.CoreClientException;

/**
 * The core over the network, through shard-http's {@link CoreClient}: one WebSocket carrying every
 * request, reconnecting with backoff, resending unanswered requests under the same idempotency key
 * (so a command is never run twice) and falling back to HTTP. This class only translates between
 * the shard's records and the protocol, and sorts failures into "unreachable" and "refused".
 */
public final class RemoteCore implements CoreService {
  private static final Logger log = LoggerFactory.getLogger(RemoteCore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CoreClient client;

  public RemoteCore(CoreClient client) {
    this.client = client;
  }

  /**
   * Connects to the core at {@code url} with a shard token. The client waits for an unreachable
   * core up to the policy's budget (it resends by itself once the socket is back); overload
   * answers (429, 503) are retried by a {@link RetryingCoreService} within the same budget.
   */
  public static CoreService connect(String url, String token, RetryPolicy policy, ScheduledExecutorService timer) {
    CoreClientConfig config =
        CoreClientConfig.of(URI.create(url), token)
            .withTimeouts(policy.budget(), CoreClientConfig.DEFAULT_HTTP_FALLBACK_AFTER)
            .withBackoff(policy.firstDelay(), policy.maxDelay());
    return new RetryingCoreService(new RemoteCore(CoreClient.start(config)), policy, timer);
  }

  public CoreClient client() {
    return client;
  }

  @Override
  public CompletableFuture<CoreReply> command(CoreCommand c) {
    Attachment attachment = c.attachment() == null ? null : new Attachment(c.attachment().name(), c.attachment().bytes());
    CommandRequest request =
        new CommandRequest(c.channel(), c.server(), c.user(), c.userName(), c.text(), c.canManagePlugs(), attachment);
    return mapped(client.command(request, c.requestKey()), r -> new CoreReply(r.reply(), r.micros(), r.ephemeral()));
  }

  @Override
  public CompletableFuture<PlugInfo> putPlug(String channel, String name, String user, byte[] wasm) {
    ObjectNode p = JSON.createObjectNode().put("channel", channel).put("name", name).put("user", user);
    p.put("base64", Base64.getEncoder().encodeToString(wasm));
    return mapped(
        client.request("plug.put", p),
        a -> PlugInfo.uploaded(a.path("name").asText(name), a.path("hash").asText(null), a.path("len").asLong(wasm.length)));
  }

  @Override
  public CompletableFuture<List<PlugInfo>> listPlugs(String channel) {
    return mapped(
        client.request("plug.list", JSON.createObjectNode().put("channel", channel)),
        a -> {
          List<PlugInfo> out = new ArrayList<>();
          for (JsonNode p : a.path("plugs")) out.add(plugInfo(p));
          return out;
        });
  }

  static PlugInfo plugInfo(JsonNode p) {
    return new PlugInfo(
        p.path("name").asText(),
        p.path("hash").asText(null),
        p.path("len").asLong(),
        p.path("uploadedBy").asText(null),
        p.path("uploadedAt").asText(null),
        p.path("calls").asLong(),
        p.path("errors").asLong(),
        p.path("p50Micros").asLong(),
        p.path("p99Micros").asLong());
  }

  @Override
  public CompletableFuture<Void> removePlug(String channel, String name) {
    return mapped(client.request("plug.rm", JSON.createObjectNode().put("channel", channel).put("name", name)), a -> null);
  }

  @Override
  public CompletableFuture<Distribution> stats(String expr) {
    return mapped(client.request("stats", JSON.createObjectNode().put("expr", expr)), RemoteCore::distribution);
  }

  static Distribution distribution(JsonNode a) {
    List<Distribution.Point> pmf = new ArrayList<>();
    for (JsonNode pair : a.path("pmf")) pmf.add(new Distribution.Point(pair.path(0).asDouble(), pair.path(1).asDouble()));
    return new Distribution(
        a.path("expr").asText(),
        a.path("min").asDouble(),
        a.path("max").asDouble(),
        a.path("mean").asDouble(),
        a.path("stdev").asDouble(),
        a.path("exact").asBoolean(true),
        pmf);
  }

  @Override
  public CompletableFuture<Void> reportStatus(ShardStatus s) {
    return mapped(
        client.reportStatus(
            new sidekick.core.ShardStatus(s.shard(), s.shardsTotal(), s.state(), s.guilds(), s.latencyMillis(), s.queue(), null)),
        a -> null);
  }

  @Override
  public void close() {
    client.close();
  }

  private static <A, T> CompletableFuture<T> mapped(CompletableFuture<A> call, Function<A, T> convert) {
    CompletableFuture<T> out = new CompletableFuture<>();
    call.whenComplete(
        (answer, error) -> {
          if (error == null) {
            try {
              out.complete(convert.apply(answer));
            } catch (RuntimeException e) {
              out.completeExceptionally(e);
            }
            return;
          }
          out.completeExceptionally(classify(RetryingCoreService.unwrap(error)));
        });
    return out;
  }

  /** Unreachable or overloaded (worth waiting for) versus refused (tell the user). */
  static RuntimeException classify(Throwable error) {
    if (!(error instanceof CoreClientException e)) {
      return new CoreUnavailableException(String.valueOf(error.getMessage()), error);
    }
    int status = e.status();
    if (status == 0 || status == 429 || status == 502 || status == 503 || status == 504) {
      return new CoreUnavailableException(e.getMessage(), e);
    }
    if (status == 401) log.error("the core refused the shard token (SIDEKICK_TOKEN): {}", e.getMessage());
    return new CoreRejectedException(status, e.getMessage());
  }
}
