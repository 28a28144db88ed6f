package sidekick.core;

/** The WASM store's size: {@code GET /v1/store/stats}. */
public record StoreStats(long blobs, long references, long rawBytes, long storedBytes) {}
