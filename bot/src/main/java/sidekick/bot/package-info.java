/** Sidekick bot module. */
package sidekick.bot;
