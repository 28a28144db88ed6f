/** Sidekick plugs module. */
package sidekick.plugs;
