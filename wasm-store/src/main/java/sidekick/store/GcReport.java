package sidekick.store;

/**
 * What {@link WasmStore#gc} did.
 *
 * @param blobsRemoved unreferenced blobs deleted
 * @param blobsReencoded blobs re-encoded because the base they were a delta against was collected
 * @param dictionariesRemoved trained dictionaries no blob uses any more
 * @param bytesFreed stored bytes released
 */
public record GcReport(
    int blobsRemoved, int blobsReencoded, int dictionariesRemoved, long bytesFreed) {}
