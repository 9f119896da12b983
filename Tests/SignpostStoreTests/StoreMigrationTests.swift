import Foundation
import GRDB
import SignpostStore
import SignpostTestSupport
import Testing

@Suite struct StoreMigrationTests {
  @Test func migrationsCreateTheSchemaOnARealFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/nested/runs.sqlite"
    let store = try RunStore(path: path)
    #expect(FileManager.default.fileExists(atPath: path))
    #expect(try store.appliedMigrations() == StoreMigrations.names)

    let db = try DatabaseQueue(path: path)
    try db.read { db in
      for table in ["run", "run_input", "result", "referral", "audit"] {
        #expect(try db.tableExists(table), "table \(table)")
      }
      let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode")
      #expect(mode == "wal")
      let columns = try db.columns(in: "result").map(\.name)
      #expect(columns == ["run_id", "person_id", "score", "band", "fired", "not_evaluated"])
    }
  }

  @Test func reopeningIsIdempotentAndKeepsRuns() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/runs.sqlite"
    let id = try RunStore(path: path).startRun(user: "tester")
    let again = try RunStore(path: path)
    #expect(try again.appliedMigrations() == StoreMigrations.names)
    #expect(try again.run(id: id)?.status == .running)
    #expect(try again.abandonUnfinishedRuns(user: "tester") == [id])
    #expect(try again.run(id: id)?.status == .abandoned)
    let actions = try again.auditEntries().map(\.action)
    #expect(actions == ["started", "abandoned"])
  }

  /// A store written before programmes could list people (v2) keeps its referrals, in order,
  /// and then takes tied and listed referrals with their notes.
  @Test func aV2StoreKeepsItsReferralsAndThenTakesTiedAndListedOnes() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/runs.sqlite"
    let db = try DatabaseQueue(path: path)
    try StoreMigrations.migrator.migrate(db, upTo: StoreMigrations.names[1])
    try db.write { db in
      try db.execute(
        sql: """
          INSERT INTO run (status, started_at, user, host, pid)
            VALUES ('complete', '2025-04-01T00:00:00Z', 'tester', 'host', 1);
          INSERT INTO referral (run_id, programme, person_id, rank, score, status)
            VALUES (1, 'wlz', 'P2', 1, 40, 'recommended'), (1, 'wlz', 'P1', 2, 30, 'waitlisted');
          """)
    }
    let store = try RunStore(path: path)
    #expect(try store.appliedMigrations() == StoreMigrations.names)
    #expect(try store.referrals(runID: 1).map(\.personID) == ["P2", "P1"])
    try db.write { db in
      try db.execute(
        sql: """
          INSERT INTO referral (run_id, programme, person_id, rank, score, status, note)
            VALUES (1, 'pied', 'P3', 0, 18, 'listed', 'Already open: inform the allocated worker'),
                   (1, 'wlz', 'P4', 3, 30, 'tied', '1 place left for 2 tied at the last place');
          """)
      #expect(throws: (any Error).self) {
        try db.execute(
          sql: """
            INSERT INTO referral (run_id, programme, person_id, rank, score, status)
              VALUES (1, 'wlz', 'P5', 4, 10, 'maybe')
            """)
      }
    }
    let stored = try store.referrals(runID: 1)
    #expect(stored.map(\.status) == [.recommended, .waitlisted, .listed, .tied])
    #expect(stored[2].note == "Already open: inform the allocated worker")
  }

  @Test func aStoreFromANewerSignpostIsRefused() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/runs.sqlite"
    _ = try RunStore(path: path)
    let db = try DatabaseQueue(path: path)
    try db.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99 from the future')")
    }
    #expect {
      _ = try RunStore(path: path)
    } throws: { error in
      (error as? StoreError)?.kind == .newerSchema
    }
  }

  @Test func aSecondRunCannotTakeTheLock() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/runs.sqlite"
    let lock = try StoreLock(storePath: path)
    // flock locks belong to the open file description, so a second open in this process
    // conflicts just as another process would.
    #expect {
      _ = try StoreLock(storePath: path)
    } throws: { error in
      (error as? StoreError)?.kind == .locked
    }
    withExtendedLifetime(lock) {}
  }

  /// A store written before v3 keeps its runs and referrals through the table rebuilds.
  @Test func aStoreFromBeforeTheNewStatusesKeepsItsRows() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/runs.sqlite"
    let old = try DatabaseQueue(path: path)
    try StoreMigrations.migrator.migrate(old, upTo: StoreMigrations.names[1])
    try old.write { db in
      try db.execute(
        sql: """
          INSERT INTO run (status, started_at, user, host, pid, as_of)
            VALUES ('complete', '2025-04-01T02:00:00Z', 'batch', 'h', 1, '2025-04-01');
          INSERT INTO referral (run_id, programme, person_id, rank, score, status)
            VALUES (1, 'pied', 'A', 1, 50, 'recommended'), (1, 'pied', 'B', 2, 30, 'waitlisted');
          """)
    }
    try old.close()
    let store = try RunStore(path: path)
    #expect(try store.appliedMigrations() == StoreMigrations.names)
    #expect(try store.run(id: 1)?.status == .complete)
    #expect(try store.run(id: 1)?.asOf == "2025-04-01")
    let referrals = try store.referrals(runID: 1)
    #expect(referrals.map(\.personID) == ["A", "B"])
    #expect(referrals.map(\.status) == [.recommended, .waitlisted])
    #expect(referrals.allSatisfy { $0.note.isEmpty })
  }
}
