package sidekick.http.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.AsciiString;
import sidekick.core.CommandReply;
import sidekick.http.api.CommandReplyJson;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import sidekick.http.api.ApiException;
import sidekick.http.api.Json;

/** Builds HTTP answers: JSON bodies, {@code {"error"}} bodies, plain text. */
final class Responses {
  /** Header values as AsciiStrings: the encoder copies them as bytes, not char by char. */
  static final AsciiString JSON_TYPE = AsciiString.cached("application/json; charset=utf-8");
  private static final AsciiString NOSNIFF_HEADER = AsciiString.cached("X-Content-Type-Options");
  private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");
  /**
   * The answer to chat that is no command, most of a shard's traffic (it forwards every message, as
   * any may hold an inline roll): always the same bytes, so never written again.
   */
  private static final byte[] NO_COMMAND = "{\"reply\":null}".getBytes(StandardCharsets.UTF_8);
  /** Headers written only by this server: not checked header by header (see {@link #ok}). */
  private static final HttpHeadersFactory TRUSTED_HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);

  private Responses() {}

  static FullHttpResponse json(int status, JsonNode body) {
    if (body == null) return empty(status);
    return bytes(status, Json.bytes(body), JSON_TYPE);
  }

  /** A command's answer: no tree, the thread's reused generator ({@link CommandReplyJson}); a heap array body. */
  static FullHttpResponse commandReply(CommandReply reply) {
    byte[] body = reply.isCommand() ? CommandReplyJson.bytes(reply) : NO_COMMAND;
    return withBody(ok(Unpooled.wrappedBuffer(body)), JSON_TYPE);
  }

  /**
   * A command's answer: its headers are this class's constants, lengths and the CORS origin echoed
   * from the request (already checked by the request decoder), so Netty's check of every header
   * name and value is skipped; and it has no trailers (its body has a length), so none are made.
   */
  private static FullHttpResponse ok(ByteBuf content) {
    return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content,
        TRUSTED_HEADERS.newHeaders(), EmptyHttpHeaders.INSTANCE);
  }

  static FullHttpResponse error(ApiException e) {
    ObjectNode body = Json.error(e.getMessage());
    if (e.extra() != null) body.setAll(e.extra());
    FullHttpResponse r = json(e.status(), body);
    if (e.retryAfterSeconds() > 0) r.headers().set(HttpHeaderNames.RETRY_AFTER, e.retryAfterSeconds());
    return r;
  }

  static FullHttpResponse error(int status, String message) {
    return json(status, Json.error(message));
  }

  static FullHttpResponse text(int status, String text, CharSequence contentType) {
    return bytes(status, text.getBytes(StandardCharsets.UTF_8), contentType);
  }

  static FullHttpResponse empty(int status) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    return r;
  }

  static FullHttpResponse bytes(int status, byte[] bytes, CharSequence contentType) {
    return withBody(new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(bytes)), contentType);
  }

  private static FullHttpResponse withBody(FullHttpResponse r, CharSequence contentType) {
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes())
        .set(NOSNIFF_HEADER, NOSNIFF);
    if (JSON_TYPE.contentEquals(contentType)) {
      r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    }
    return r;
  }
}
