package sidekick.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sidekick.store.codec.Sha256;
import sidekick.store.codec.Sketch;
import sidekick.store.codec.Zstd;
import sidekick.store.db.Database;
import sidekick.store.db.Migrations;

class MigrationTest {
  @TempDir Path dir;

  @Test
  void aVersionOneDatabaseIsMigratedForwardKeepingItsPlugs() throws Exception {
    Path file = dir.resolve(WasmStore.DB_FILE);
    byte[] m = Modules.module(1, 10_000);
    byte[] sha = Sha256.digest(m);
    Database.open(file, 1, Duration.ofSeconds(5), 1).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      assertThat(Migrations.version(c)).isEqualTo(1);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO blobs (length, sha256, codec, level, stored_length, created_at, sketch,"
                  + " data) VALUES (?, ?, 1, 3, ?, 0, ?, ?)")) {
        byte[] data = Zstd.compress(m, 3);
        ps.setLong(1, m.length);
        ps.setBytes(2, sha);
        ps.setLong(3, data.length);
        ps.setBytes(4, Sketch.of(m).toBytes());
        ps.setBytes(5, data);
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO plugs VALUES ('c', 'old', 's', 'u', 1, ?, ?)")) {
        ps.setLong(1, m.length);
        ps.setBytes(2, sha);
        ps.executeUpdate();
      }
    }
    try (WasmStore store = WasmStore.open(dir, WasmStoreTest.quiet())) {
      assertThat(store.get("c", "old")).isEqualTo(m);
      store.recordUsage("c", "old", Sha256.hex(sha), 5, true, 1, 1);
      store.flushUsage(); // needs the version 2 tables
      assertThat(store.find("c", "old").orElseThrow().usage().calls()).isEqualTo(1);
      assertThat(store.check().clean()).isTrue();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      assertThat(Migrations.version(c)).isEqualTo(Migrations.LATEST);
    }
  }

  @Test
  void aDatabaseFromANewerProgramIsRefused() throws Exception {
    Path file = dir.resolve(WasmStore.DB_FILE);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = " + (Migrations.LATEST + 1));
    }
    assertThatThrownBy(() -> WasmStore.open(dir, WasmStoreTest.quiet()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("newer than this program");
  }

  @Test
  void theDatabaseUsesWal() throws Exception {
    try (WasmStore store = WasmStore.open(dir, WasmStoreTest.quiet())) {
      store.put("c", "p", "s", "u", Modules.module(2, 100));
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("wasm.db"));
          Statement s = c.createStatement();
          var rs = s.executeQuery("PRAGMA journal_mode")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("wal");
      }
    }
  }
}
