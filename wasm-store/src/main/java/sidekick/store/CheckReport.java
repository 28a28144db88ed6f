package sidekick.store;

import java.util.List;

/**
 * What {@link WasmStore#check} found.
 *
 * @param blobsChecked blobs decoded and verified (length and sha256)
 * @param plugsChecked plug rows whose blob link was verified
 * @param dictionariesChecked trained dictionaries checked
 * @param problems one human readable line per problem; empty when the store is sound
 */
public record CheckReport(
    int blobsChecked, int plugsChecked, int dictionariesChecked, List<String> problems) {

  public CheckReport {
    problems = List.copyOf(problems);
  }

  public boolean clean() {
    return problems.isEmpty();
  }
}
