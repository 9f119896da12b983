import Foundation
import GRDB
import SignpostEngine
import SignpostRules

/// The run store: a SQLite file (through GRDB, in WAL mode) holding every run, each complete
/// run's results and referrals, and an audit of who ran or read what.
///
/// A run is first recorded as `running` in a transaction of its own; everything it produced
/// is then written in one transaction that also marks it `stored`. Once its output files are
/// written (and `latest` moved) it is marked `complete`: only complete runs are compared
/// with, so nothing a meeting has not been shown counts as seen. A run that fails or is
/// killed at any point therefore leaves every earlier run untouched: SQLite's atomic commit
/// keeps or drops the whole transaction. Runs still `running` when the next run starts are
/// marked `abandoned`, and runs still `stored` are marked `outputs_missing`.
///
/// The file and its folder are created owner-only (0600, 0700) whatever the umask; SQLite
/// gives its `-wal` and `-shm` files the database file's permissions.
///
/// ```swift
/// let store = try RunStore(path: "/var/lib/signpost/runs.sqlite")
/// let id = try store.startRun(user: "batch")
/// let run = try ScoringRun.run(pack: pack, inputDirectory: "extracts", asOf: date)
/// try store.storeRun(id: id, run, user: "batch")
/// let changes = try store.changes(runID: id)
/// // ... write the outputs ...
/// try store.finishRun(id: id, as: .complete, user: "batch")
/// ```
public final class RunStore: Sendable {
  /// The database file.
  public let path: String
  private let pool: DatabasePool

  /// A named point inside a store write, reported to a hook so that tests can stop the process
  /// exactly there: `store.begin`, `store.results` (half the results written) and
  /// `store.commit` (everything written, not yet committed). A hook that throws rolls the
  /// whole write back (how a run stops on SIGTERM).
  public typealias Checkpoint = (String) throws -> Void

  /// Opens the store at `path`, creating the file and its folder if needed, and applies any
  /// migrations it lacks.
  ///
  /// - Throws: ``StoreError`` of kind `open` if the file cannot be opened, `newerSchema` if a
  ///   newer Signpost migrated it.
  public init(path: String) throws(StoreError) {
    self.path = path
    let folder = PathText.folder(of: path)
    if !folder.isEmpty {
      try? OwnerOnly.createDirectory(folder)
    }
    OwnerOnly.createEmptyFile(path)
    var configuration = Configuration()
    configuration.label = "signpost.store"
    configuration.busyMode = .timeout(10)
    configuration.prepareDatabase { db in
      // Deleted rows are overwritten with zeros, so purged results do not linger in free pages.
      try db.execute(sql: "PRAGMA secure_delete = ON")
    }
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
      // Every commit on disk before it returns (the audit is durable before an answer): set
      // on the one writing connection after the pool is open, since GRDB sets `NORMAL` (a
      // sync only at checkpoints) when it turns WAL on, after `prepareDatabase`.
      try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    } catch {
      throw StoreError(.open, "cannot open the store \(path): \(error)")
    }
    let migrator = StoreMigrations.migrator
    do {
      let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
      if superseded {
        throw StoreError(
          .newerSchema,
          "the store \(path) was migrated by a newer Signpost; use that version or a copy")
      }
      try migrator.migrate(pool)
    } catch {
      throw StoreError.wrap(error, doing: "cannot migrate the store \(path)")
    }
  }

  /// The migrations applied to the file, in order.
  public func appliedMigrations() throws(StoreError) -> [String] {
    try read("read the migrations") { db in try StoreMigrations.migrator.appliedMigrations(db) }
  }

  // MARK: - Runs

  /// Marks every run still `running` as `abandoned`: call it while holding the ``StoreLock``,
  /// when no other run can be going on.
  ///
  /// - Returns: The ids of the runs abandoned.
  @discardableResult
  public func abandonUnfinishedRuns(user: String, now: Date = Date()) throws(StoreError)
    -> [Int64]
  {
    try write("mark unfinished runs abandoned") { db in
      let ids = try Int64.fetchAll(db, sql: "SELECT id FROM run WHERE status = 'running'")
      let at = StoreClock.timestamp(now)
      for id in ids {
        try db.execute(
          sql: """
            UPDATE run SET status = 'abandoned', finished_at = ?,
              error = 'the process ended before the run was stored'
            WHERE id = ?
            """, arguments: [at, id])
        try Self.audit(db, user: user, command: "run", action: "abandoned", runID: id, at: at)
      }
      return ids
    }
  }

  /// Marks every run still `stored` as `outputs_missing`: its process ended after storing
  /// it and before its outputs were written, so no one has seen it. Call it while holding the
  /// ``StoreLock``.
  ///
  /// - Returns: The ids of the runs marked.
  @discardableResult
  public func markUnseenRuns(user: String, now: Date = Date()) throws(StoreError) -> [Int64] {
    try write("mark stored runs without outputs") { db in
      let ids = try Int64.fetchAll(db, sql: "SELECT id FROM run WHERE status = 'stored'")
      let at = StoreClock.timestamp(now)
      for id in ids {
        try Self.end(
          db, id: id, from: .stored, to: .outputsMissing,
          reason: "the process ended before the outputs were written", user: user, at: at)
      }
      return ids
    }
  }

  /// Records a new run as `running` and returns its id.
  public func startRun(
    user: String, host: String = StoreClock.hostName,
    pid: Int = Int(ProcessInfo.processInfo.processIdentifier), now: Date = Date(),
    detail: String = ""
  ) throws(StoreError) -> Int64 {
    try write("record the start of a run") { db in
      let at = StoreClock.timestamp(now)
      try db.execute(
        sql: "INSERT INTO run (status, started_at, user, host, pid) VALUES ('running', ?, ?, ?, ?)",
        arguments: [at, user, host, pid])
      let id = db.lastInsertedRowID
      try Self.audit(
        db, user: user, command: "run", action: "started", runID: id, detail: detail, at: at)
      return id
    }
  }

  /// Ends a run's current status:
  /// - `failed` or `held` for a run still `running` (a reason that names no person and no
  ///   value says why; nothing of it is stored);
  /// - `complete` for a `stored` run whose outputs are written and `latest` moved, or
  ///   `outputs_missing` for one whose outputs could not be written.
  ///
  /// - Throws: ``StoreError`` if the run is not in the status that leads there.
  public func finishRun(
    id: Int64, as status: RunStatus, reason: String? = nil, user: String, now: Date = Date()
  ) throws(StoreError) {
    let from: RunStatus = status == .complete || status == .outputsMissing ? .stored : .running
    try write("record run \(id) \(status.rawValue)") { db in
      try Self.end(
        db, id: id, from: from, to: status, reason: reason, user: user,
        at: StoreClock.timestamp(now))
    }
  }

  /// Moves run `id` from one status to another, recording why and auditing it (the audit's
  /// action is the new status; `completed` for `complete`).
  private static func end(
    _ db: Database, id: Int64, from: RunStatus, to: RunStatus, reason: String?, user: String,
    at: String
  ) throws {
    try db.execute(
      sql: """
        UPDATE run SET status = ?, finished_at = ?, error = coalesce(?, error)
        WHERE id = ? AND status = ?
        """, arguments: [to.rawValue, at, reason, id, from.rawValue])
    guard db.changesCount == 1 else {
      throw StoreError(.database, "run \(id) is not \(from.rawValue)")
    }
    try audit(
      db, user: user, command: "run", action: to == .complete ? "completed" : to.rawValue,
      runID: id, detail: reason ?? "", at: at)
  }

  /// Writes everything a run produced and marks it `stored`, all in one transaction.
  ///
  /// - Parameters:
  ///   - id: The id ``startRun(user:host:pid:now:detail:)`` returned.
  ///   - run: The scoring run.
  ///   - user: Who ran it, for the audit table.
  ///   - now: When it finished.
  ///   - checkpoint: Called at each named point of the write (see ``Checkpoint``).
  /// - Throws: ``StoreError`` if the run is no longer `running`, SQLite refuses the write or
  ///   the checkpoint throws; the transaction is then rolled back and nothing of the run is
  ///   stored.
  public func storeRun(
    id: Int64, _ run: ScoringRun, user: String, now: Date = Date(),
    checkpoint: Checkpoint = { _ in }
  ) throws(StoreError) {
    let pack = run.pack
    let summary = RunSummary(run)
    try write("store run \(id)") { db in
      try checkpoint("store.begin")
      let status = try String.fetchOne(
        db, sql: "SELECT status FROM run WHERE id = ?", arguments: [id])
      guard status == RunStatus.running.rawValue else {
        throw StoreError(.database, "run \(id) is \(status ?? "missing"), not running")
      }
      for file in run.read.files {
        try db.execute(
          sql: """
            INSERT INTO run_input (run_id, path, source, sha256, rows_read, rows_used, rows_rejected)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            id, file.path, file.source, file.sha256, file.rowsRead, file.rowsUsed,
            file.rowsRejected,
          ])
      }
      let insertResult = try db.makeStatement(
        sql: """
          INSERT INTO result (run_id, person_id, score, band, fired, not_evaluated)
          VALUES (?, ?, ?, ?, ?, ?)
          """)
      let scored = run.scoredIndices
      let half = scored.count / 2
      for (n, p) in scored.enumerated() {
        if n == half { try checkpoint("store.results") }
        try insertResult.execute(arguments: [
          id, run.id(p), run.score(p), run.band(p),
          StoredResult.column(run.indicators(p, .fired)),
          StoredResult.column(run.indicators(p, .notEvaluated)),
        ])
      }
      let insertReferral = try db.makeStatement(
        sql: """
          INSERT INTO referral (run_id, programme, person_id, rank, score, status, note)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """)
      for referral in run.referrals {
        try insertReferral.execute(arguments: [
          id, referral.programme, referral.id, referral.rank, referral.score,
          referral.status.rawValue, referral.note,
        ])
      }
      let timings =
        "{"
        + run.timings.map { "\"\($0.phase)\":\(RunSummary.seconds($0.seconds))" }
        .joined(separator: ",") + "}"
      let at = StoreClock.timestamp(now)
      try db.execute(
        sql: """
          UPDATE run SET status = 'stored', finished_at = ?, as_of = ?, pack_id = ?,
            pack_version = ?, pack_hash = ?, bands = ?, people_read = ?, people_scored = ?,
            rows_rejected = ?, recommended = ?, waitlisted = ?, reconciled = ?,
            summary_json = ?, timings_json = ?
          WHERE id = ?
          """,
        arguments: [
          at, run.asOf.description, pack.manifest.id, pack.manifest.version, pack.contentHash,
          StoredResult.column(pack.scoring.bands.map(\.id)), run.peopleCount, scored.count,
          run.read.rejects.count, run.referrals.filter { $0.status == .recommended }.count,
          run.referrals.filter { $0.status == .waitlisted }.count,
          run.read.files.allSatisfy(\.reconciles), summary.json, timings, id,
        ])
      try Self.audit(
        db, user: user, command: "run", action: "stored", runID: id,
        detail: "people_scored=\(scored.count) referrals=\(run.referrals.count)", at: at)
      try checkpoint("store.commit")
    }
  }

  /// One run, or `nil` if there is none with that id.
  public func run(id: Int64) throws(StoreError) -> StoredRun? {
    try read("read run \(id)") { db in
      try StoredRun.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id])
    }
  }

  /// Every run, newest first.
  public func runs() throws(StoreError) -> [StoredRun] {
    try read("read the runs") { db in
      try StoredRun.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC")
    }
  }

  /// The latest complete run, if any.
  public func latestCompleteRun() throws(StoreError) -> StoredRun? {
    try read("read the latest complete run") { db in
      try StoredRun.fetchOne(
        db, sql: "SELECT * FROM run WHERE status = 'complete' ORDER BY id DESC LIMIT 1")
    }
  }

  /// The complete run before run `id`, if any.
  public func previousCompleteRun(before id: Int64) throws(StoreError) -> StoredRun? {
    try read("read the run before \(id)") { db in
      try StoredRun.fetchOne(
        db,
        sql: "SELECT * FROM run WHERE status = 'complete' AND id < ? ORDER BY id DESC LIMIT 1",
        arguments: [id])
    }
  }

  /// A run's results, by person id.
  public func results(runID: Int64) throws(StoreError) -> [StoredResult] {
    try read("read the results of run \(runID)") { db in
      try StoredResult.fetchAll(
        db, sql: "SELECT * FROM result WHERE run_id = ? ORDER BY person_id", arguments: [runID])
    }
  }

  /// A run's referrals, by programme (in the order the run stored them) then rank.
  public func referrals(runID: Int64) throws(StoreError) -> [StoredReferral] {
    try read("read the referrals of run \(runID)") { db in
      try StoredReferral.fetchAll(
        db, sql: "SELECT * FROM referral WHERE run_id = ? ORDER BY rowid", arguments: [runID])
    }
  }

  /// Rows read per source in a run's input files (a source with several files summed).
  public func rowsPerSource(runID: Int64) throws(StoreError) -> [String: Int] {
    try read("read the inputs of run \(runID)") { db in
      let rows = try Row.fetchAll(
        db,
        sql:
          "SELECT source, sum(rows_read) AS rows FROM run_input WHERE run_id = ? GROUP BY source",
        arguments: [runID])
      return Dictionary(rows.map { ($0["source"], $0["rows"]) }, uniquingKeysWith: +)
    }
  }

  /// The input files of a run, with their hashes and row counts.
  public func inputs(runID: Int64) throws(StoreError) -> [(path: String, sha256: String)] {
    try read("read the inputs of run \(runID)") { db in
      try Row.fetchAll(
        db, sql: "SELECT path, sha256 FROM run_input WHERE run_id = ? ORDER BY path",
        arguments: [runID]
      ).map { (path: $0["path"], sha256: $0["sha256"]) }
    }
  }

  // MARK: - Changes

  /// What changed in run `id` since the complete run before it.
  ///
  /// Run `id` may be `stored` (its outputs are being written), `complete` or
  /// `outputs_missing`; it is compared with the `complete` run before it.
  ///
  /// - Throws: ``StoreError`` of kind `notFound`, or `notComplete` for a run without results.
  public func changes(runID id: Int64) throws(StoreError) -> RunChanges {
    guard let run = try run(id: id) else {
      throw StoreError(.notFound, "there is no run \(id) in \(path)")
    }
    guard run.status.hasResults else {
      throw StoreError(.notComplete, "run \(id) is \(run.status.rawValue): it has no results")
    }
    if run.resultsPurgedAt != nil {
      return RunChanges(
        run: run.compared, note: "run \(id)'s results were purged under the retention period")
    }
    guard let previous = try previousCompleteRun(before: id) else {
      return RunChanges(run: run.compared, note: "the first complete run: nothing to compare with")
    }
    if previous.resultsPurgedAt != nil {
      return RunChanges(
        run: run.compared,
        note: "run \(previous.id)'s results were purged under the retention period")
    }
    return RunChanges(
      run: run.compared, previous: previous.compared,
      results: try results(runID: id).map(\.outcome),
      previousResults: try results(runID: previous.id).map(\.outcome),
      referrals: try referrals(runID: id).map(\.outcome),
      previousReferrals: try referrals(runID: previous.id).map(\.outcome))
  }

  // MARK: - Retention

  /// Deletes the results and referrals of every run started before `cutoff`, keeping the runs
  /// themselves (their counts, summary and hashes) and the audit table.
  ///
  /// Deleted rows are overwritten (`secure_delete`) and the write-ahead log is truncated, so
  /// that the purged rows are gone from the file rather than merely unlinked.
  public func purge(before cutoff: Date, user: String, now: Date = Date()) throws(StoreError)
    -> PurgeReport
  {
    let report = try write("purge results before \(StoreClock.timestamp(cutoff))") { db in
      let limit = StoreClock.timestamp(cutoff)
      let at = StoreClock.timestamp(now)
      let ids = try Int64.fetchAll(
        db,
        sql: """
          SELECT id FROM run WHERE started_at < ? AND results_purged_at IS NULL
            AND status NOT IN ('running', 'stored')
          ORDER BY id
          """, arguments: [limit])
      var results = 0
      var referrals = 0
      for id in ids {
        try db.execute(sql: "DELETE FROM result WHERE run_id = ?", arguments: [id])
        results += db.changesCount
        try db.execute(sql: "DELETE FROM referral WHERE run_id = ?", arguments: [id])
        referrals += db.changesCount
        try db.execute(
          sql: "UPDATE run SET results_purged_at = ? WHERE id = ?", arguments: [at, id])
      }
      let report = PurgeReport(runIDs: ids, results: results, referrals: referrals, cutoff: limit)
      try Self.audit(
        db, user: user, command: "purge", action: "purged", runID: nil,
        detail:
          "before=\(limit) runs=\(ids.count) results=\(results) referrals=\(referrals)", at: at)
      return report
    }
    try checkpointAndTruncate()
    return report
  }

  /// Copies the write-ahead log into the database and truncates it to zero bytes.
  public func checkpointAndTruncate() throws(StoreError) {
    do {
      _ = try pool.writeWithoutTransaction { db in
        try db.checkpoint(.truncate)
      }
    } catch {
      throw StoreError.wrap(error, doing: "checkpoint the store")
    }
  }

  // MARK: - Audit

  /// Records that `command` read run `runID` (or the store, if `nil`).
  public func recordRead(command: String, runID: Int64?, user: String, detail: String = "")
    throws(StoreError)
  {
    try write("audit a read") { db in
      try Self.audit(
        db, user: user, command: command, action: "read", runID: runID, detail: detail,
        at: StoreClock.timestamp(Date()))
    }
  }

  /// The audit table, oldest first.
  public func auditEntries() throws(StoreError) -> [AuditEntry] {
    try read("read the audit table") { db in
      try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id")
    }
  }

  static func audit(
    _ db: Database, user: String, command: String, action: String, runID: Int64?,
    detail: String = "", at: String
  ) throws {
    try db.execute(
      sql: """
        INSERT INTO audit (at, user, command, action, run_id, detail) VALUES (?, ?, ?, ?, ?, ?)
        """, arguments: [at, user, command, action, runID, detail])
  }

  // MARK: - Access

  func read<T>(_ what: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try pool.read(body)
    } catch {
      throw StoreError.wrap(error, doing: "cannot \(what)")
    }
  }

  func write<T>(_ what: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try pool.write(body)
    } catch {
      throw StoreError.wrap(error, doing: "cannot \(what)")
    }
  }

  /// Runs `body` in one immediate transaction, as ``write(_:_:)`` does, with its `BEGIN` and
  /// `COMMIT` statements prepared once per connection instead of parsed by SQLite each time
  /// (for the person-level audit, a transaction or more a request). On an error the
  /// transaction is rolled back, if SQLite has not already.
  func writeInKeptTransaction<T>(_ what: String, _ body: (Database) throws -> T)
    throws(StoreError) -> T
  {
    do {
      return try pool.writeWithoutTransaction { db in
        try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
        do {
          let result = try body(db)
          try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
          return result
        } catch {
          if db.isInsideTransaction { try? db.rollback() }
          throw error
        }
      }
    } catch {
      throw StoreError.wrap(error, doing: "cannot \(what)")
    }
  }
}
