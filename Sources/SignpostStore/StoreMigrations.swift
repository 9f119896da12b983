import GRDB

/// The store's schema, as named, ordered migrations. A store is migrated when it is opened;
/// a migration never changes once released: a change to the schema is a new migration.
public enum StoreMigrations {
  /// The migrations in the order they are applied.
  public static let names = [
    "v1 runs, results and referrals", "v2 audit", "v3 stored, held and outputs_missing runs",
    "v4 referrals tied or listed, with a note",
  ]

  /// The migrator that brings a store up to date.
  public static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration(names[0]) { db in
      try db.execute(
        sql: """
          CREATE TABLE run (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            status TEXT NOT NULL
              CHECK (status IN ('running', 'complete', 'failed', 'abandoned')),
            started_at TEXT NOT NULL,
            finished_at TEXT,
            as_of TEXT,
            pack_id TEXT,
            pack_version TEXT,
            pack_hash TEXT,
            bands TEXT,
            people_read INTEGER,
            people_scored INTEGER,
            rows_rejected INTEGER,
            recommended INTEGER,
            waitlisted INTEGER,
            reconciled INTEGER,
            summary_json TEXT,
            timings_json TEXT,
            error TEXT,
            user TEXT NOT NULL,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            results_purged_at TEXT
          );
          CREATE INDEX run_status ON run (status, id);

          CREATE TABLE run_input (
            run_id INTEGER NOT NULL REFERENCES run (id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            source TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            rows_read INTEGER NOT NULL,
            rows_used INTEGER NOT NULL,
            rows_rejected INTEGER NOT NULL,
            PRIMARY KEY (run_id, path)
          ) WITHOUT ROWID;

          CREATE TABLE result (
            run_id INTEGER NOT NULL REFERENCES run (id) ON DELETE CASCADE,
            person_id TEXT NOT NULL,
            score INTEGER NOT NULL,
            band TEXT NOT NULL,
            fired TEXT NOT NULL,
            not_evaluated TEXT NOT NULL,
            PRIMARY KEY (run_id, person_id)
          ) WITHOUT ROWID;

          CREATE TABLE referral (
            run_id INTEGER NOT NULL REFERENCES run (id) ON DELETE CASCADE,
            programme TEXT NOT NULL,
            person_id TEXT NOT NULL,
            rank INTEGER NOT NULL,
            score INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('recommended', 'waitlisted')),
            UNIQUE (run_id, programme, person_id)
          );
          """)
    }
    migrator.registerMigration(names[1]) { db in
      try db.execute(
        sql: """
          CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            command TEXT NOT NULL,
            action TEXT NOT NULL,
            run_id INTEGER,
            detail TEXT NOT NULL DEFAULT ''
          );
          CREATE INDEX audit_run ON audit (run_id);
          """)
    }
    // SQLite cannot change a CHECK constraint in place: the run table is rebuilt (foreign
    // keys are off inside a GRDB migration and checked before it commits).
    migrator.registerMigration(names[2]) { db in
      try db.execute(
        sql: """
          CREATE TABLE run_v3 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            status TEXT NOT NULL CHECK (status IN (
              'running', 'stored', 'complete', 'outputs_missing', 'failed', 'held', 'abandoned')),
            started_at TEXT NOT NULL,
            finished_at TEXT,
            as_of TEXT,
            pack_id TEXT,
            pack_version TEXT,
            pack_hash TEXT,
            bands TEXT,
            people_read INTEGER,
            people_scored INTEGER,
            rows_rejected INTEGER,
            recommended INTEGER,
            waitlisted INTEGER,
            reconciled INTEGER,
            summary_json TEXT,
            timings_json TEXT,
            error TEXT,
            user TEXT NOT NULL,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            results_purged_at TEXT
          );
          INSERT INTO run_v3 SELECT * FROM run;
          DROP TABLE run;
          ALTER TABLE run_v3 RENAME TO run;
          CREATE INDEX run_status ON run (status, id);
          """)
    }
    // Programmes list people tied at the last place for the panel, and people an exclusion
    // lists with a note ("already open: inform the allocated worker"). SQLite cannot change
    // a CHECK constraint, so the table is rebuilt, in the same row order.
    migrator.registerMigration(names[3]) { db in
      try db.execute(
        sql: """
          CREATE TABLE referral_v4 (
            run_id INTEGER NOT NULL REFERENCES run (id) ON DELETE CASCADE,
            programme TEXT NOT NULL,
            person_id TEXT NOT NULL,
            rank INTEGER NOT NULL,
            score INTEGER NOT NULL,
            status TEXT NOT NULL
              CHECK (status IN ('recommended', 'waitlisted', 'tied', 'listed')),
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (run_id, programme, person_id)
          );
          INSERT INTO referral_v4 (run_id, programme, person_id, rank, score, status)
            SELECT run_id, programme, person_id, rank, score, status FROM referral ORDER BY rowid;
          DROP TABLE referral;
          ALTER TABLE referral_v4 RENAME TO referral;
          """)
    }
    return migrator
  }
}
