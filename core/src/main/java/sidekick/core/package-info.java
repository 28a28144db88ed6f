/** Sidekick core module. */
package sidekick.core;
