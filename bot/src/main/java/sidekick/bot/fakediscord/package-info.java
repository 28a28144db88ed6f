/**
 * A fake Discord for tests and load runs: the gateway WebSocket and the REST routes a JDA bot uses,
 * on 127.0.0.1, so the real shard can be driven end to end without the network. Not for production.
 */
package sidekick.bot.fakediscord;
