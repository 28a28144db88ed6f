/** Sidekick wasm-store module. */
package sidekick.store;
