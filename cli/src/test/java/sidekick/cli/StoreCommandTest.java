package sidekick.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sidekick.store.StoreConfig;
import sidekick.store.WasmStore;

class StoreCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** Module-like bytes: runs of 64 random 8-byte tokens, so zstd levels make a difference. */
  static byte[] module(long seed, int size, byte[] prefix) {
    Random r = new Random(seed);
    byte[][] tokens = new byte[64][8];
    for (byte[] t : tokens) r.nextBytes(t);
    byte[] b = new byte[size];
    for (int i = 0; i < size; i += 8) {
      System.arraycopy(tokens[r.nextInt(64)], 0, b, i, Math.min(8, size - i));
    }
    System.arraycopy(prefix, 0, b, 0, Math.min(prefix.length, size));
    return b;
  }

  @BeforeEach
  void fill() {
    byte[] library = module(1, 100_000, new byte[0]);
    try (WasmStore s =
        WasmStore.open(dir, StoreConfig.defaults().withMaintenanceInterval(Duration.ZERO))) {
      s.put("c1", "a", "s", "u", module(2, 101_000, library));
      s.put("c2", "a", "s", "u", module(2, 101_000, library));
      s.put("c1", "b", "s", "u", module(3, 102_000, library));
      s.put("c1", "gone", "s", "u", module(4, 5000, new byte[0]));
      s.remove("c1", "gone");
    }
  }

  int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  JsonNode json() throws Exception {
    return new ObjectMapper().readTree(out.toString());
  }

  @Test
  void statsPrintsTheContractFieldsAsJson() throws Exception {
    assertThat(run("store", "stats", "--data", dir.toString(), "--json")).isZero();
    JsonNode j = json();
    assertThat(j.get("blobs").asLong()).isEqualTo(2);
    assertThat(j.get("references").asLong()).isEqualTo(3);
    assertThat(j.get("rawBytes").asLong()).isEqualTo(203_000);
    assertThat(j.get("storedBytes").asLong()).isPositive().isLessThan(203_000);
    assertThat(j.get("deltaBlobs").asLong()).isEqualTo(1);
  }

  @Test
  void statsAsTextIsReadable() {
    assertThat(run("store", "stats", "--data", dir.toString())).isZero();
    assertThat(out.toString()).contains("blobs         2").contains("references    3");
  }

  @Test
  void checkIsCleanThenReportsCorruptionWithExitOne() throws Exception {
    assertThat(run("store", "check", "--data", dir.toString(), "--json")).isZero();
    assertThat(json().get("clean").asBoolean()).isTrue();
    assertThat(json().get("blobsChecked").asInt()).isEqualTo(2);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("wasm.db"));
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE blobs SET data = zeroblob(stored_length) WHERE base_id IS NOT NULL");
    }
    out.getBuffer().setLength(0);
    assertThat(run("store", "check", "--data", dir.toString())).isEqualTo(Main.EXIT_FAILURE);
    assertThat(out.toString()).contains("NOT CLEAN").contains("does not decode");
  }

  @Test
  void gcAndCompactReportWhatTheyDid() throws Exception {
    assertThat(run("store", "gc", "--data", dir.toString(), "--json")).isZero();
    assertThat(json().get("blobsRemoved").asInt()).isZero(); // remove() already collected
    out.getBuffer().setLength(0);
    assertThat(run("store", "compact", "--data", dir.toString(), "--json")).isZero();
    assertThat(json().get("blobsRecompressed").asInt()).isPositive();
    assertThat(json().get("bytesAfter").asLong()).isLessThan(json().get("bytesBefore").asLong());
    out.getBuffer().setLength(0);
    assertThat(run("store", "check", "--data", dir.toString())).isZero();
  }

  @Test
  void aDirectoryWithoutAStoreIsBadInputAndIsNotCreated() {
    Path missing = dir.resolve("nothing-here");
    assertThat(run("store", "stats", "--data", missing.toString())).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("no WASM store");
    assertThat(missing).doesNotExist();
  }

  @Test
  void noSubcommandIsBadInputAndHelpWorks() {
    assertThat(run("store")).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(run("store", "check", "--help")).isZero();
    assertThat(out.toString()).contains("--data");
  }
}
