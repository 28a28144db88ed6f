package sidekick.store;

/**
 * What {@link WasmStore#put} did.
 *
 * @param name the plug's name
 * @param hash lowercase hex sha256 of the module
 * @param length module length in bytes
 * @param replaced true when the channel already had a plug of that name (even with the same bytes)
 * @param previousHash hash of the replaced plug, or null when nothing was replaced
 * @param newBlob true when these bytes were not in the store before (false: deduplicated)
 */
public record PutResult(
    String name, String hash, long length, boolean replaced, String previousHash, boolean newBlob) {}
