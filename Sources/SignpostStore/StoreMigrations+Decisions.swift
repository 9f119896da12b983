import GRDB

extension StoreMigrations {
  /// v5: the triage service's decisions on referrals, and the audit of person-level reads.
  ///
  /// Decisions keep the run and pack hash they were made against, so a decision can be read
  /// beside the recommendation it answered; they outlive the run's results (a purge removes
  /// results, not what people decided).
  static func registerDecisions(_ migrator: inout DatabaseMigrator) {
    migrator.registerMigration(names[4]) { db in
      try db.execute(
        sql: """
          CREATE TABLE decision (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            run_id INTEGER NOT NULL REFERENCES run (id),
            pack_hash TEXT NOT NULL,
            programme TEXT NOT NULL,
            person_id TEXT NOT NULL,
            kind TEXT NOT NULL
              CHECK (kind IN ('accept', 'decline', 'defer', 'already_known')),
            reason TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500)
          );
          CREATE INDEX decision_person ON decision (person_id, id);
          CREATE INDEX decision_programme ON decision (programme, person_id, id);

          CREATE TABLE person_read (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            role TEXT NOT NULL,
            person_id TEXT NOT NULL,
            page TEXT NOT NULL,
            run_id INTEGER,
            outcome TEXT NOT NULL CHECK (outcome IN ('shown', 'refused'))
          );
          CREATE INDEX person_read_person ON person_read (person_id, id);
          """)
    }
  }
}
