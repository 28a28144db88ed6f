/** Sidekick bench module. */
package sidekick.bench;
