package sidekick.http.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import sidekick.http.frame.Frame;
import sidekick.http.frame.FrameCodec;
import sidekick.http.frame.FrameException;
import sidekick.http.frame.FrameType;
import sidekick.http.frame.MessageAssembler;

/** A java.net.http WebSocket that collects the server's frames, decoded, in a queue. */
public final class WsTestClient implements AutoCloseable {
  public final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  public final WebSocket ws;

  public WsTestClient(String url) {
    ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
        .buildAsync(URI.create(url), new Collector()).join();
  }

  public static WsTestClient authenticated(TestServer t, String token) throws InterruptedException {
    WsTestClient c = new WsTestClient(t.wsUrl());
    c.send(FrameType.AUTH, "auth", "{\"token\":\"" + token + "\"}");
    Frame answer = c.next();
    if (answer.type() != FrameType.AUTH) throw new AssertionError("auth failed: " + answer);
    return c;
  }

  public void send(FrameType type, String name, String json) {
    sendRaw(FrameCodec.encode(Frame.of(type, name, json)));
  }

  public void sendRaw(byte[] bytes) {
    ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  /** The next frame, failing after 5 s. */
  public Frame next() throws InterruptedException {
    Frame f = frames.poll(5, TimeUnit.SECONDS);
    if (f == null) throw new AssertionError("no frame within 5 s");
    return f;
  }

  @Override
  public void close() {
    ws.abort();
  }

  private final class Collector implements WebSocket.Listener {
    private final MessageAssembler pieces = new MessageAssembler();

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] whole = pieces.add(data, last);
      if (whole != null) {
        try {
          frames.add(FrameCodec.decode(whole));
        } catch (FrameException e) {
          frames.add(Frame.of(FrameType.ERROR, "client-could-not-decode", e.getMessage()));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode.complete(-1);
    }
  }
}
