/** Sidekick dice module. */
package sidekick.dice;
