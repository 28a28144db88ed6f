package sidekick.http.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import sidekick.core.Core;
import sidekick.http.api.Json;
import sidekick.http.server.ServerConfig;
import sidekick.http.server.SidekickServer;

/** A real server on an ephemeral port of 127.0.0.1 and a real HTTP client talking to it. */
public final class TestServer implements AutoCloseable {
  public final Core core;
  public final SidekickServer server;
  public final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  public TestServer(Core core, ServerConfig.Builder config) throws InterruptedException {
    this.core = core;
    this.server = SidekickServer.start(core, config.bind("127.0.0.1", 0).build());
  }

  /** Test defaults: small limits so that tests reach them cheaply. */
  public static ServerConfig.Builder config() {
    return ServerConfig.builder()
        .maxBodyBytes(64 * 1024)
        .maxUploadBytes(256 * 1024)
        .maxFrameBytes(64 * 1024)
        .tokenRate(0, 0)
        .channelRate(0, 0)
        .workerThreads(4)
        .ioThreads(2)
        .shutdownDrain(Duration.ofSeconds(5));
  }

  public URI uri(String path) {
    return URI.create(server.url() + path);
  }

  public String wsUrl() {
    return server.url().replace("http://", "ws://") + "/v1/ws";
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return b;
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RuntimeException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }

  public HttpResponse<String> get(String path, String token) {
    return send(request(path, token).GET().build());
  }

  public HttpResponse<String> post(String path, String token, String json) {
    return send(request(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> command(String token, String channel, String user, String text) {
    return post("/v1/commands", token,
        "{\"channel\":\"" + channel + "\",\"server\":\"s1\",\"user\":\"" + user
            + "\",\"userName\":\"Grog\",\"text\":\"" + text + "\",\"canManagePlugs\":false}");
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  @Override
  public void close() {
    server.close();
    core.close();
  }
}
