/**
 * Sidekick's sandboxed WebAssembly plug runtime (Chicory, Extism-ABI compatible).
 *
 * <p>The public API lives in this package: {@link sidekick.plugs.PlugRuntime} validates and
 * compiles uploads into {@link sidekick.plugs.PlugModule}s, {@link sidekick.plugs.ChannelPlugs}
 * holds one channel's ordered chain and runs it on a {@link sidekick.plugs.CommandInput}, and the
 * core implements {@link sidekick.plugs.PlugHost} for the {@code roll} / {@code saved_roll} host
 * functions and plug logs. Sub-packages are implementation details.
 */
package sidekick.plugs;
