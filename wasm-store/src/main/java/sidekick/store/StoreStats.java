package sidekick.store;

/**
 * Size of the store.
 *
 * @param blobs distinct modules stored (by length and sha256)
 * @param references plug rows (channel, name) pointing at a blob
 * @param rawBytes uncompressed bytes of the distinct blobs
 * @param storedBytes bytes on disk for blobs and trained dictionaries (compressed)
 * @param referencedBytes uncompressed bytes summed over every reference (what a naive store holds)
 * @param deltaBlobs blobs stored as a delta against another blob
 * @param dictionaryBlobs blobs compressed with a trained dictionary
 * @param dictionaries trained dictionaries kept
 * @param cachedBytes bytes held by the in-memory hot cache of this process
 */
public record StoreStats(
    long blobs,
    long references,
    long rawBytes,
    long storedBytes,
    long referencedBytes,
    long deltaBlobs,
    long dictionaryBlobs,
    long dictionaries,
    long cachedBytes) {

  /** rawBytes / storedBytes (1 when empty). */
  public double compressionRatio() {
    return storedBytes == 0 ? 1.0 : (double) rawBytes / storedBytes;
  }
}
