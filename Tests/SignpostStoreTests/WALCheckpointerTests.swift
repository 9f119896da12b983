import Foundation
import GRDB
import SignpostTestSupport
import Testing

@testable import SignpostStore

/// The store's write-ahead log is checkpointed off the writing connection, and stays bounded.
@Suite struct WALCheckpointerTests {
  /// One audit commit, as the score route's group commit makes it.
  func commitRead(_ store: RunStore, _ n: Int) throws {
    try store.recordPersonReadsAtLatestRun(["P-\(n)"], page: "api:score", user: "t", role: "triage")
  }

  /// Runs `body` with a new store (and its path) checkpointed in the background past
  /// `background` frames and by the writer past `writer`.
  func withStore(background: Int, writer: Int, _ body: (RunStore, String) throws -> Void) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/runs.sqlite"
    try body(
      try RunStore(
        path: path, backgroundCheckpointFrames: background, writerCheckpointFrames: writer),
      path)
  }

  /// The log's bytes on disk for `frames` frames of the store's pages.
  func walBytes(frames: Int, pageSize: Int) -> Int { 32 + frames * (24 + pageSize) }

  /// Past the background threshold, a commit returns without checkpointing; the checkpointer's
  /// own connection copies the log into the database, and the next commit starts the log
  /// again. No checkpoint runs on the writing connection.
  @Test func aLongLogIsCheckpointedInTheBackgroundAndStartedAgain() throws {
    try withStore(background: 20, writer: 100_000) { store, _ in
      var n = 0
      while store.checkpointer.current.background == 0 && n < 1_000 {
        try commitRead(store, n)
        n += 1
      }
      try #require(store.checkpointer.current.background > 0, "no background checkpoint ran")
      store.checkpointer.waitForCheckpoints()
      let before = store.checkpointer.current
      #expect(before.walFrames >= 20)
      try commitRead(store, n)
      let after = store.checkpointer.current
      #expect(after.walFrames < 20, "the log was not started again: \(after)")
      #expect(after.writer == 0)
      #expect(after.failed == 0)
      // Every read is recorded, once.
      for i in [0, n / 2, n] {
        #expect(try store.personReads(personID: "P-\(i)").count == 1, "P-\(i)")
      }
    }
  }

  /// Commits back to back leave the background checkpoint no gap to finish in; the writer
  /// then checkpoints itself past its threshold, so the log (and its file) stay bounded.
  @Test func theLogStaysBoundedUnderCommitsBackToBack() throws {
    try withStore(background: 10, writer: 60) { store, path in
      let commits = 400
      for n in 0..<commits { try commitRead(store, n) }
      store.checkpointer.waitForCheckpoints()
      let counts = store.checkpointer.current
      let pageSize = try store.write("read the page size") { db in
        try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
      }
      let walFile = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
      // One commit adds a few frames: the log ends a commit or two past the writer's threshold.
      #expect(counts.longestWAL > 10)
      #expect(counts.longestWAL < 80, "\(counts)")
      #expect((walFile ?? .max) <= walBytes(frames: 80, pageSize: pageSize))
      #expect(counts.background + counts.writer > 0)
      #expect(try store.personReads(personID: "P-\(commits - 1)").count == 1)
    }
  }

  /// A background checkpoint is asked for once the log has grown by the threshold, not after
  /// every commit past it: commits during a checkpoint keep the log from starting again, and
  /// checkpointing after each of them would sync the database file about as often as the log.
  @Test func aBackgroundCheckpointIsAskedForOncePerThresholdOfLog() throws {
    try withStore(background: 40, writer: 100_000) { store, _ in
      store.checkpointer.waitForCheckpoints()
      let commits = 300
      for n in 0..<commits { try commitRead(store, n) }
      store.checkpointer.waitForCheckpoints()
      let counts = store.checkpointer.current
      // A commit adds about three frames: a request every dozen commits or more.
      #expect(counts.background > 0)
      #expect(counts.background <= commits / 8, "\(counts)")
    }
  }

  /// A big transaction (a nightly run's) past the writer's threshold is checkpointed by the
  /// writer before its commit returns, as SQLite's automatic checkpoint did.
  @Test func aTransactionPastTheWritersThresholdIsCheckpointedAtOnce() throws {
    try withStore(background: 10, writer: 50) { store, _ in
      // The migrations' commits may have asked for a background checkpoint.
      store.checkpointer.waitForCheckpoints()
      try store.write("record many reads") { db in
        for n in 0..<5_000 {
          try db.execute(
            sql: """
              INSERT INTO person_read (at, user, role, person_id, page, run_id, outcome)
              VALUES ('2025-04-01T02:00:00Z', 't', 'triage', ?, 'api:score', NULL, 'shown')
              """, arguments: ["P-\(n)"])
        }
      }
      let big = store.checkpointer.current
      #expect(big.walFrames >= 50)
      #expect(big.writer >= 1)
      // Fully copied by the writer, so the next commit starts the log again.
      try commitRead(store, 0)
      #expect(store.checkpointer.current.walFrames < 10)
    }
  }

  /// The writer's commits are still synced (`synchronous = FULL`), and so are the
  /// checkpointer's: a checkpoint syncs the database file.
  @Test func bothConnectionsSyncFully() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let store = try RunStore(path: folder.path + "/runs.sqlite")
    #expect(store.checkpointer.backgroundFrames == 1_000)
    #expect(store.checkpointer.writerFrames == 10_000)
    let writer = try store.write("read the sync mode") { db in
      try Int.fetchOne(db, sql: "PRAGMA synchronous")
    }
    #expect(writer == 2)
    #expect(try store.checkpointer.synchronousMode() == 2)
  }
}
