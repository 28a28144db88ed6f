package sidekick.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sidekick.store.CheckReport;
import sidekick.store.CompactReport;
import sidekick.store.GcReport;
import sidekick.store.StoreConfig;
import sidekick.store.StoreStats;
import sidekick.store.WasmStore;

/** {@code sidekick store stats|check|gc|compact --data DIR}: inspect and maintain the WASM store. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "Inspect and maintain the WASM store (DATA/wasm.db).",
    subcommands = {
      StoreCommand.Stats.class,
      StoreCommand.Check.class,
      StoreCommand.Gc.class,
      StoreCommand.Compact.class
    })
final class StoreCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: stats, check, gc or compact");
  }

  /** Options every subcommand takes. */
  static final class StoreOptions {
    @Option(
        names = "--data",
        paramLabel = "DIR",
        defaultValue = "./sidekick-data",
        description = "Data directory holding wasm.db (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    /** Opens the existing store; a directory without one is the user's mistake, not created. */
    WasmStore open() {
      if (!Files.isRegularFile(data.resolve(WasmStore.DB_FILE))) {
        throw new UserInputException("no WASM store at " + data.resolve(WasmStore.DB_FILE));
      }
      // no background job: this process does exactly what it was asked, then exits
      return WasmStore.open(data, StoreConfig.defaults().withMaintenanceInterval(Duration.ZERO));
    }
  }

  /** One subcommand: opens the store, runs, prints text or JSON. */
  abstract static class StoreTask implements Callable<Integer> {
    @Mixin StoreOptions options;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      try (WasmStore store = options.open()) {
        ObjectNode json = JSON.createObjectNode();
        StringBuilder text = new StringBuilder();
        int exit = run(store, json, text);
        PrintWriter out = spec.commandLine().getOut();
        out.print(options.json ? JSON.writeValueAsString(json) + System.lineSeparator() : text);
        out.flush();
        return exit;
      }
    }

    abstract int run(WasmStore store, ObjectNode json, StringBuilder text);
  }

  @Command(name = "stats", mixinStandardHelpOptions = true, description = "Blobs, references, raw and stored bytes.")
  static final class Stats extends StoreTask {
    @Override
    int run(WasmStore store, ObjectNode json, StringBuilder text) {
      StoreStats s = store.stats();
      json.put("blobs", s.blobs())
          .put("references", s.references())
          .put("rawBytes", s.rawBytes())
          .put("storedBytes", s.storedBytes())
          .put("referencedBytes", s.referencedBytes())
          .put("deltaBlobs", s.deltaBlobs())
          .put("dictionaryBlobs", s.dictionaryBlobs())
          .put("dictionaries", s.dictionaries())
          .put("ratio", round(s.compressionRatio()));
      text.append(String.format(
          "blobs         %d (%d deltas, %d with a dictionary)%n"
              + "references    %d%n"
              + "raw bytes     %d (%d over all references)%n"
              + "stored bytes  %d (ratio %.2f, %d dictionaries)%n",
          s.blobs(), s.deltaBlobs(), s.dictionaryBlobs(), s.references(), s.rawBytes(),
          s.referencedBytes(), s.storedBytes(), s.compressionRatio(), s.dictionaries()));
      return Main.EXIT_OK;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Verify every blob (length, sha256), link, delta base and dictionary. Exit 1 when a problem is found.")
  static final class Check extends StoreTask {
    @Override
    int run(WasmStore store, ObjectNode json, StringBuilder text) {
      CheckReport r = store.check();
      json.put("clean", r.clean())
          .put("blobsChecked", r.blobsChecked())
          .put("plugsChecked", r.plugsChecked())
          .put("dictionariesChecked", r.dictionariesChecked());
      r.problems().forEach(json.putArray("problems")::add);
      for (String p : r.problems()) text.append("problem: ").append(p).append(System.lineSeparator());
      text.append(String.format("%s: %d blobs, %d plugs, %d dictionaries checked, %d problems%n",
          r.clean() ? "clean" : "NOT CLEAN", r.blobsChecked(), r.plugsChecked(),
          r.dictionariesChecked(), r.problems().size()));
      return r.clean() ? Main.EXIT_OK : Main.EXIT_FAILURE;
    }
  }

  @Command(name = "gc", mixinStandardHelpOptions = true,
      description = "Collect blobs no plug references (re-encoding deltas against them first).")
  static final class Gc extends StoreTask {
    @Override
    int run(WasmStore store, ObjectNode json, StringBuilder text) {
      GcReport r = store.gc();
      json.put("blobsRemoved", r.blobsRemoved())
          .put("blobsReencoded", r.blobsReencoded())
          .put("dictionariesRemoved", r.dictionariesRemoved())
          .put("bytesFreed", r.bytesFreed());
      text.append(String.format("removed %d blobs, re-encoded %d, removed %d dictionaries, freed %d bytes%n",
          r.blobsRemoved(), r.blobsReencoded(), r.dictionariesRemoved(), r.bytesFreed()));
      return Main.EXIT_OK;
    }
  }

  @Command(name = "compact", mixinStandardHelpOptions = true,
      description = "Recompress every blob not yet compacted at the high level; retrain the dictionary when due.")
  static final class Compact extends StoreTask {
    @Override
    int run(WasmStore store, ObjectNode json, StringBuilder text) {
      CompactReport r = store.compact();
      json.put("blobsRecompressed", r.blobsRecompressed())
          .put("bytesBefore", r.bytesBefore())
          .put("bytesAfter", r.bytesAfter())
          .put("dictionaryTrained", r.dictionaryTrained());
      text.append(String.format("recompressed %d blobs: %d -> %d bytes%s%n",
          r.blobsRecompressed(), r.bytesBefore(), r.bytesAfter(),
          r.dictionaryTrained() ? ", trained a new dictionary" : ""));
      return Main.EXIT_OK;
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
