package sidekick.core.db;

import java.util.List;

/**
 * The schema of {@code sidekick.db} as forward migrations: entry i takes the database from version i
 * to i+1. Never edit a released entry; append a new one.
 */
public final class Schema {
  private Schema() {}

  public static final List<String> MIGRATIONS = List.of(
      // 1: tokens, bind codes, events, saved rolls, decks, channel settings (plug modules live in wasm.db)
      """
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        user TEXT,
        channel TEXT,
        can_manage INTEGER NOT NULL DEFAULT 0,
        label TEXT,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER,
        announced INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX tokens_app ON tokens(channel, user) WHERE kind = 'app';
      CREATE TABLE bind_codes (
        hash TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        user TEXT NOT NULL,
        can_manage INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE events (
        channel TEXT NOT NULL,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        at INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (channel, seq)
      ) WITHOUT ROWID;
      CREATE TABLE saved_rolls (
        channel TEXT NOT NULL,
        owner TEXT NOT NULL,
        name TEXT NOT NULL,
        expr TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (channel, owner, name)
      ) WITHOUT ROWID;
      CREATE TABLE decks (
        channel TEXT PRIMARY KEY,
        cards TEXT NOT NULL,
        shuffled_at INTEGER NOT NULL
      );
      CREATE TABLE channel_settings (
        channel TEXT PRIMARY KEY,
        inline_rolls INTEGER
      )
      """,
      // 2: the event log as blocks of many events per row (sidekick.core.events.EventBlockTable). The
      // rows of version 1 wait in events_v1 until the core's event log moves them into blocks at its
      // next start (LegacyEventRows) and drops that table.
      """
      CREATE TABLE event_blocks (
        channel TEXT NOT NULL,
        first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (channel, last_seq)
      ) WITHOUT ROWID;
      ALTER TABLE events RENAME TO events_v1
      """,
      // 3: the event log as one row per group commit for all its channels, found through a small
      // per-channel index (sidekick.core.events.EventBatchTable). The blocks of version 2 stay in
      // event_blocks until the core's event log moves them at its next start (LegacyEventBlocks);
      // the table itself stays, empty.
      """
      CREATE TABLE event_batches (
        id INTEGER PRIMARY KEY,
        data BLOB NOT NULL
      );
      CREATE TABLE event_index (
        channel TEXT NOT NULL,
        last_seq INTEGER NOT NULL,
        first_seq INTEGER NOT NULL,
        batch INTEGER NOT NULL,
        section_start INTEGER NOT NULL,
        section_length INTEGER NOT NULL,
        PRIMARY KEY (channel, last_seq)
      ) WITHOUT ROWID;
      CREATE INDEX event_index_batch ON event_index (batch)
      """);
}
