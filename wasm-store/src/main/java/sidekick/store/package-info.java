/**
 * The WASM store: content-addressed, deduplicated, delta-compressed storage of plug modules in
 * SQLite, with usage statistics. The public API is {@link sidekick.store.WasmStore} and the records
 * and exceptions beside it; sub-packages hold the implementation.
 */
package sidekick.store;
