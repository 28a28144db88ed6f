package sidekick.bot.fakediscord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/** One gateway connection of the fake: which shard it identified as, and its dispatch sequence. */
final class GatewaySession {
  private final Channel channel;
  private volatile int shardId = -1;
  private volatile int shardsTotal = 1;
  private int seq;

  GatewaySession(Channel channel) {
    this.channel = channel;
  }

  void identified(int shardId, int shardsTotal) {
    this.shardsTotal = Math.max(1, shardsTotal);
    this.shardId = shardId;
  }

  boolean identified() {
    return shardId >= 0;
  }

  int shardId() {
    return shardId;
  }

  int shardsTotal() {
    return shardsTotal;
  }

  boolean serves(FakeGuild guild) {
    return identified() && channel.isActive() && guild.shardOf(shardsTotal) == shardId;
  }

  boolean isOpen() {
    return channel.isActive();
  }

  /** Sends a dispatch event with the next sequence number. */
  synchronized void dispatch(String type, ObjectNode data) {
    send(Payloads.dispatch(type, ++seq, data));
  }

  synchronized void send(ObjectNode payload) {
    try {
      channel.writeAndFlush(new TextWebSocketFrame(Payloads.JSON.writeValueAsString(payload)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  void close(int code, String reason) {
    channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(f -> channel.close());
  }
}
