package sidekick.bot.discord;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * A session controller that connects to a gateway URL of our choosing instead of asking Discord for
 * it ({@code GET /gateway/bot}): used to point JDA at a local fake Discord or a gateway proxy.
 * Every shard of the process may identify at once: such an endpoint has no identify rate limit.
 */
final class FixedGatewaySessionController extends ConcurrentSessionController {
  private final String gatewayUrl;
  private final int shardsTotal;
  private final int concurrency;

  FixedGatewaySessionController(String gatewayUrl, int shardsTotal, int concurrency) {
    this.gatewayUrl = gatewayUrl;
    this.shardsTotal = Math.max(1, shardsTotal);
    this.concurrency = Math.max(1, concurrency);
    setConcurrency(this.concurrency);
  }

  @Override
  public String getGateway() {
    return gatewayUrl;
  }

  @Override
  public ShardedGateway getShardedGateway(JDA api) {
    return new ShardedGateway(gatewayUrl, shardsTotal, concurrency);
  }
}
