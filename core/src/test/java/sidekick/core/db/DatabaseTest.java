package sidekick.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;

  @Test
  void migrationsRunOnceAndInOrder() {
    Path file = dir.resolve("t.db");
    List<String> v1 = List.of("CREATE TABLE a (x INTEGER)");
    try (Database db = Database.open(file, v1)) {
      db.write(s -> s.update("INSERT INTO a VALUES (1)"));
    }
    List<String> v2 = List.of("CREATE TABLE a (x INTEGER)", "ALTER TABLE a ADD COLUMN y TEXT; UPDATE a SET y = 'new'");
    try (Database db = Database.open(file, v2)) {
      String y = db.read(s -> {
        try (ResultSet rs = s.query("SELECT x, y FROM a")) {
          rs.next();
          return rs.getInt(1) + ":" + rs.getString(2);
        }
      });
      assertThat(y).isEqualTo("1:new");
    }
    // Reopening with the same migrations changes nothing (no duplicate column error).
    try (Database db = Database.open(file, v2)) {
      int version = db.read(s -> {
        try (ResultSet rs = s.query("PRAGMA user_version")) {
          rs.next();
          return rs.getInt(1);
        }
      });
      assertThat(version).isEqualTo(2);
    }
  }

  @Test
  void refusesADatabaseNewerThanTheCode() {
    Path file = dir.resolve("t.db");
    Database.open(file, List.of("CREATE TABLE a (x INTEGER)", "CREATE TABLE b (x INTEGER)")).close();
    assertThatThrownBy(() -> Database.open(file, List.of("CREATE TABLE a (x INTEGER)")))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("newer than this sidekick");
  }

  @Test
  void aFailedWriteLeavesNothingBehind() {
    try (Database db = Database.open(dir.resolve("t.db"), List.of("CREATE TABLE a (x INTEGER PRIMARY KEY)"))) {
      assertThatThrownBy(() -> db.write(s -> {
        s.update("INSERT INTO a VALUES (1)");
        return s.update("INSERT INTO a VALUES (1)"); // duplicate key
      })).isInstanceOf(DatabaseException.class);
      int rows = db.read(s -> {
        try (ResultSet rs = s.query("SELECT COUNT(*) FROM a")) {
          rs.next();
          return rs.getInt(1);
        }
      });
      assertThat(rows).isZero();
    }
  }

  @Test
  void theSchemaMigratesFromScratch() {
    try (Database db = Database.open(dir.resolve("sidekick.db"), Schema.MIGRATIONS)) {
      assertThat(db.dataVersion()).isPositive();
    }
  }
}
