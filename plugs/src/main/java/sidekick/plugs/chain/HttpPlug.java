package sidekick.plugs.chain;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import sidekick.plugs.FaultKind;
import sidekick.plugs.PlugHost.PlugCallContext;
import sidekick.plugs.PlugInfo;
import sidekick.plugs.PlugLimits;
import sidekick.plugs.PlugRejectedException;
import sidekick.plugs.exec.CallResult;
import sidekick.plugs.exec.Watchdog;
import sidekick.plugs.metrics.PlugMetrics;

/**
 * A plug that is an HTTP endpoint: each call POSTs the ABI's JSON input and reads the same JSON
 * output, under the same wall-time and output limits. Only hosts on the allow-list; redirects are
 * not followed (they could lead elsewhere). Hooks are not sent to HTTP plugs.
 */
public final class HttpPlug implements Plug {
  private final String name;
  private final URI url;
  private final HttpClient client;
  private final PlugLimits limits;
  private final PlugMetrics metrics;
  private final FaultBreaker breaker;

  public HttpPlug(String name, URI url, HttpClient client, PlugLimits limits, PlugMetrics metrics, FaultBreaker breaker) {
    this.name = name;
    this.url = url;
    this.client = client;
    this.limits = limits;
    this.metrics = metrics;
    this.breaker = breaker;
  }

  /** Refuses a URL that is not http(s) or whose host is not allowed. */
  public static void checkAllowed(URI url, PlugLimits limits) throws PlugRejectedException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new PlugRejectedException(PlugRejectedException.Reason.HOST_NOT_ALLOWED, "an HTTP plug URL must be http or https");
    }
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    if (!limits.httpAllowedHosts().contains(host)) {
      throw new PlugRejectedException(PlugRejectedException.Reason.HOST_NOT_ALLOWED, "host " + host + " is not on the HTTP plug allow-list");
    }
  }

  public static HttpClient newClient(PlugLimits limits) {
    return HttpClient.newBuilder()
        .connectTimeout(limits.callTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override public String name() { return name; }
  @Override public boolean hasExport(String export) { return export.equals("handle"); }
  @Override public PlugMetrics metrics() { return metrics; }
  @Override public FaultBreaker breaker() { return breaker; }
  @Override public String moduleHash() { return null; }

  @Override
  public CallResult call(String export, byte[] input, PlugCallContext context, Watchdog.Slot slot, Runnable onAbandon) {
    long start = System.nanoTime();
    Duration timeout = limits.callTimeout();
    slot.begin(timeout.toNanos(), onAbandon);
    CallResult r;
    try {
      HttpRequest req = HttpRequest.newBuilder(url)
          .timeout(timeout)
          .header("Content-Type", "application/json")
          .header("X-Sidekick-Plug", name)
          .POST(HttpRequest.BodyPublishers.ofByteArray(input))
          .build();
      HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = resp.body()) {
        byte[] out = body.readNBytes(limits.maxOutputBytes() + 1);
        if (out.length > limits.maxOutputBytes()) {
          r = CallResult.fault(FaultKind.BAD_OUTPUT, "output over " + limits.maxOutputBytes() + " bytes", 0);
        } else if (resp.statusCode() / 100 != 2) {
          r = new CallResult(resp.statusCode(), null, null, FaultKind.PLUG_ERROR, "HTTP status " + resp.statusCode(), 0);
        } else {
          r = new CallResult(0, out, null, null, null, 0);
        }
      }
    } catch (HttpTimeoutException e) {
      r = CallResult.fault(FaultKind.TIMEOUT, "no answer within " + timeout.toMillis() + " ms", 0);
    } catch (InterruptedException e) {
      r = CallResult.fault(FaultKind.TIMEOUT, "interrupted", 0);
    } catch (IOException | RuntimeException e) {
      r = CallResult.fault(FaultKind.PLUG_ERROR, "HTTP plug failed: " + e, 0);
    }
    boolean timedOut = slot.end();
    long nanos = System.nanoTime() - start;
    if (timedOut) return CallResult.fault(FaultKind.TIMEOUT, "stopped after " + timeout.toMillis() + " ms", nanos);
    return new CallResult(r.rc(), r.output(), r.error(), r.fault(), r.faultMessage(), nanos);
  }

  @Override
  public void record(CallResult result, int bytesIn, int bytesOut, FaultKind fault) {
    metrics.record(result.nanos(), bytesIn, bytesOut, fault);
  }

  @Override
  public PlugInfo info() {
    return new PlugInfo(name, PlugInfo.Kind.HTTP, null, 0, url.toString(), breaker.disabledUntil(), metrics.snapshot());
  }
}
