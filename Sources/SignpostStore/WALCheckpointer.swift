import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Keeps the store's write-ahead log short without making a writer wait for it.
///
/// SQLite's automatic checkpoint runs inside the commit that takes the log past 1,000 pages:
/// that commit copies the log's pages into the database file and syncs it before it returns,
/// and every caller waiting on that commit (the audit's group commit: the score route's
/// answers) waits for it too. Instead, the writing connection reports the log's length after
/// each commit (SQLite's WAL hook, which replaces its automatic checkpoint) and, each time the
/// log has grown by ``backgroundFrames`` since it started or since the last request, a
/// connection of this checkpointer's own copies the log into the database on a queue of its
/// own (a PASSIVE checkpoint: it never waits for, or blocks, a writer or reader); the next
/// write transaction then starts the log again from the beginning, unless a commit came
/// during the checkpoint (its frames not copied yet): the log then grows until the next
/// request. Commits are as durable as before: each still syncs the log before it returns,
/// and a checkpoint syncs the database file (`synchronous = FULL` on both connections).
///
/// The log stays bounded when commits come back to back with no gap for the background
/// checkpoint to finish in: past ``writerFrames`` the writing connection checkpoints itself
/// after its commit, as SQLite's automatic checkpoint does, once a background checkpoint in
/// progress has finished. A background checkpoint that
/// fails (the database busy) is counted and tried again at the next request.
final class WALCheckpointer: Sendable {
  /// The log's length, in pages (frames), past which a commit asks for a background
  /// checkpoint.
  let backgroundFrames: Int
  /// The log's length past which the writing connection checkpoints itself after its commit.
  let writerFrames: Int
  private let connection: DatabaseQueue
  private let queue = DispatchQueue(label: "signpost.store.checkpoint")
  private let scheduled = Atomic<Bool>(false)
  /// Held by whichever of this store's connections is checkpointing.
  private let checkpointing = Mutex(())
  private let counts: Mutex<Counts>

  /// What the checkpointer has seen and done, for tests and diagnostics.
  struct Counts: Equatable {
    /// The log's length after the latest commit, in frames.
    var walFrames = 0
    /// The longest the log has been after a commit.
    var longestWAL = 0
    /// Checkpoints run by the checkpointer's own connection (completed or not).
    var background = 0
    /// Background checkpoints that failed (another checkpoint running, the database busy):
    /// the next request tries again.
    var failed = 0
    /// Checkpoints run by the writing connection, the log having passed ``writerFrames``.
    var writer = 0
    /// The log's length at which the next background checkpoint is asked for.
    var nextBackground: Int
  }

  /// Opens the checkpointer's connection to the database at `path` (already in WAL mode).
  init(path: String, backgroundFrames: Int, writerFrames: Int) throws {
    precondition(0 < backgroundFrames && backgroundFrames < writerFrames)
    self.backgroundFrames = backgroundFrames
    self.writerFrames = writerFrames
    counts = Mutex(Counts(nextBackground: backgroundFrames))
    var configuration = Configuration()
    configuration.label = "signpost.store.checkpoint"
    configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    connection = try DatabaseQueue(path: path, configuration: configuration)
  }

  /// What the checkpointer has seen and done so far.
  var current: Counts { counts.withLock { $0 } }

  /// Makes `db`, the store's writing connection, report each commit to this checkpointer
  /// instead of checkpointing automatically. The checkpointer must outlive the connection's
  /// commits (the store keeps both).
  func take(over db: Database) {
    sqlite3_wal_hook(db.sqliteConnection, Self.committed, Unmanaged.passUnretained(self).toOpaque())
  }

  /// SQLite's WAL hook: called on the writing connection after each commit, with the log's
  /// length in frames.
  private static let committed:
    @convention(c) (
      UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, Int32
    ) -> Int32 = { context, connection, database, frames in
      guard let context else { return SQLITE_OK }
      let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
      let frames = Int(frames)
      let background = checkpointer.counts.withLock { counts in
        if frames < counts.walFrames {  // the log started again
          counts.nextBackground = checkpointer.backgroundFrames
        }
        counts.walFrames = frames
        counts.longestWAL = max(counts.longestWAL, frames)
        guard frames >= counts.nextBackground else { return false }
        counts.nextBackground = frames + checkpointer.backgroundFrames
        return true
      }
      if frames >= checkpointer.writerFrames {
        checkpointer.counts.withLock { $0.writer += 1 }
        // After a background checkpoint still running (SQLite would refuse a second one at
        // once, SQLITE_BUSY); RESTART, not PASSIVE as SQLite's automatic checkpoint: it
        // waits (the connection's busy timeout) for readers still using the log and copies
        // all of it, so that the next commit starts it again. Its outcome shows in the next
        // commit's length.
        checkpointer.aloneCheckpointing {
          _ = sqlite3_wal_checkpoint_v2(
            connection, database, SQLITE_CHECKPOINT_RESTART, nil, nil)
        }
      } else if background {
        checkpointer.requestCheckpoint()
      }
      return SQLITE_OK
    }

  /// Starts a background checkpoint unless one is already waiting to start.
  private func requestCheckpoint() {
    guard
      scheduled.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
        .exchanged
    else { return }
    queue.async {
      // Cleared first: a commit during this checkpoint asks for the next one.
      self.scheduled.store(false, ordering: .releasing)
      self.counts.withLock { $0.background += 1 }
      do {
        try self.aloneCheckpointing {
          _ = try self.connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        }
      } catch {
        self.counts.withLock { $0.failed += 1 }
      }
    }
  }

  /// Runs `body`, a checkpoint on the writing connection, once no background checkpoint is
  /// running (SQLite refuses a second checkpoint at once, SQLITE_BUSY, without waiting).
  func aloneCheckpointing<E: Error>(_ body: () throws(E) -> Void) throws(E) {
    try checkpointing.withLock { _ throws(E) in try body() }
  }

  /// The checkpointer's connection's `PRAGMA synchronous` (2: FULL).
  func synchronousMode() throws -> Int? {
    try connection.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
  }

  /// Returns once every background checkpoint requested so far has run (for tests).
  func waitForCheckpoints() {
    queue.sync {}
  }
}
