package sidekick.store;

/**
 * What {@link WasmStore#compact} did.
 *
 * @param blobsRecompressed blobs rewritten at the high level (only kept when smaller)
 * @param bytesBefore stored bytes of those blobs before
 * @param bytesAfter stored bytes of those blobs after
 * @param dictionaryTrained true when a new trained dictionary was made
 */
public record CompactReport(
    int blobsRecompressed, long bytesBefore, long bytesAfter, boolean dictionaryTrained) {}
