package sidekick.core;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import sidekick.core.db.Database;
import sidekick.core.db.Schema;

/** A fresh {@code sidekick.db} in a temporary directory for each test; {@link #reopen()} simulates a restart. */
public abstract class DatabaseTestBase {
  @TempDir protected Path dir;
  protected Database db;

  @BeforeEach
  void openDatabase() {
    db = Database.open(dir.resolve("sidekick.db"), Schema.MIGRATIONS);
    opened();
  }

  /** Called after the database is (re)opened: build the parts under test here. */
  protected abstract void opened();

  /** Called before the database closes: close the parts under test that write to it. */
  protected void closing() {}

  protected void reopen() {
    closing();
    db.close();
    openDatabase();
  }

  @AfterEach
  void closeDatabase() {
    closing();
    db.close();
  }
}
