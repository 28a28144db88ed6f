/** Sidekick shard-http module. */
package sidekick.http;
