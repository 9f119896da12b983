import Foundation
import GRDB
import SignpostStore
import SignpostTestSupport
import Testing

/// Starts the real `signpost run` as a child process on a large extract, kills it with
/// SIGKILL at several points (timed, and at named points inside the store transaction), and
/// checks after each kill that the previous good run and its results are intact and that no
/// half-written run is visible as complete.
@Suite(.serialized) struct KillTests {
  static let people = 50_000

  /// Everything the previous good run left in the store.
  struct Snapshot: Equatable {
    var run: StoredRun
    var results: [StoredResult]
    var referrals: [StoredReferral]
  }

  static func snapshot(_ store: RunStore, _ id: Int64) throws -> Snapshot {
    Snapshot(
      run: try #require(try store.run(id: id)), results: try store.results(runID: id),
      referrals: try store.referrals(runID: id))
  }

  /// Checks the store after a kill: the file is sound, `good` is still the latest complete
  /// run with all its rows, and no later run is complete or has results or referrals unless
  /// it was stored whole.
  static func checkIntact(_ storePath: String, good: Snapshot, after what: String) throws {
    let queue = try DatabaseQueue(path: storePath)
    try queue.read { db in
      #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok", "\(what)")
      #expect(try String.fetchOne(db, sql: "PRAGMA foreign_key_check") == nil, "\(what)")
      let complete = try Int64.fetchAll(db, sql: "SELECT id FROM run WHERE status = 'complete'")
      #expect(complete.last == good.run.id, "after \(what): latest complete run")
      // Only a run stored whole (`stored`, then `outputs_missing`) may have rows.
      let unfinished = "SELECT id FROM run WHERE status NOT IN ('stored', 'outputs_missing')"
      let stray = try Int.fetchOne(
        db, sql: "SELECT count(*) FROM result WHERE run_id > ? AND run_id IN (\(unfinished))",
        arguments: [good.run.id])
      #expect(stray == 0, "after \(what): results of a half-written run are visible")
      let strayReferrals = try Int.fetchOne(
        db, sql: "SELECT count(*) FROM referral WHERE run_id > ? AND run_id IN (\(unfinished))",
        arguments: [good.run.id])
      #expect(strayReferrals == 0, "after \(what): referrals of a half-written run")
    }
    try queue.close()
    let store = try RunStore(path: storePath)
    let now = try snapshot(store, good.run.id)
    #expect(now.run == good.run, "after \(what): the good run's row changed")
    #expect(now.results.count == good.results.count, "after \(what): result count")
    #expect(now.results == good.results, "after \(what): results changed")
    #expect(now.referrals == good.referrals, "after \(what): referrals changed")
    #expect(try store.latestCompleteRun()?.id == good.run.id, "after \(what)")
  }

  @Test(
    .tags(.long), .enabled(if: longTestsEnabled, "SIGNPOST_SKIP_LONG_TESTS=1"),
    .timeLimit(.minutes(15)))
  func killedRunsLeaveThePreviousGoodRunIntact() throws {
    _ = try SignpostBinary.require()
    let folder = try TemporaryFolder("signpost-kill")
    defer { folder.remove() }
    try folder.write("input", LargeExtract.files(people: Self.people, seed: 3))
    let config = folder.path + "/signpost.yaml"
    try """
    pack: \(tinyPackPath)
    input: input
    store: store/runs.sqlite
    output: output
    as_of: 2025-04-01

    """.write(toFile: config, atomically: true, encoding: .utf8)
    let storePath = folder.path + "/store/runs.sqlite"
    let arguments = ["run", "--config", config]

    // One good run.
    let first = try SignpostBinary.run(arguments, in: folder.path)
    #expect(first.status == 0, "the good run failed: \(first.stderr)")
    var good = try Self.snapshot(try RunStore(path: storePath), 1)
    #expect(good.run.status == .complete)
    #expect(good.results.count == Self.people)
    #expect(!good.referrals.isEmpty)

    // Kills at fixed times: while opening the store, reading, evaluating, storing.
    for milliseconds in [50, 300, 1_000, 3_000] {
      _ = try SignpostBinary.killRun(
        arguments + ["--as-of", "2025-04-02"], in: folder.path,
        after: .milliseconds(milliseconds))
      // On a fast machine the run may have committed before the kill: then it must be
      // whole, and it is the new good run.
      let store = try RunStore(path: storePath)
      let latest = try #require(try store.latestCompleteRun())
      if latest.id != good.run.id {
        #expect(try store.results(runID: latest.id).count == Self.people)
        good = try Self.snapshot(store, latest.id)
      }
      try Self.checkIntact(storePath, good: good, after: "a kill at \(milliseconds) ms")
    }

    // A kill after the commit and before the outputs: the run is stored whole, but not
    // complete, since no one has seen it; the good run stays the one to compare with.
    _ = try SignpostBinary.killRun(
      arguments + ["--as-of", "2025-04-02"], in: folder.path, pausePoint: "stored")
    var store = try RunStore(path: storePath)
    let stored = try #require(try store.runs().first)
    #expect(stored.status == .stored)
    #expect(try store.results(runID: stored.id).count == Self.people)
    #expect(try store.latestCompleteRun()?.id == good.run.id)
    let unseen = stored.id

    // Kills at named points, the last three inside the store's write transaction.
    for point in ["started", "scored", "store.begin", "store.results", "store.commit"] {
      let kill = try SignpostBinary.killRun(
        arguments + ["--as-of", "2025-04-02"], in: folder.path, pausePoint: point)
      #expect(kill.killedWhileRunning, "the run at \(point) ended before it was killed")
      try Self.checkIntact(storePath, good: good, after: "a kill at \(point)")
    }

    // The next run marks the killed ones abandoned and compares with the last good run; the
    // unseen one was marked outputs_missing by the first run after it.
    let next = try SignpostBinary.run(arguments + ["--as-of", "2025-04-03"], in: folder.path)
    #expect(next.status == 0, "the run after the kills failed: \(next.stderr)")
    #expect(next.stderr.contains("marked abandoned"))
    store = try RunStore(path: storePath)
    let runs = try store.runs()
    let latest = try #require(runs.first)
    #expect(latest.status == .complete)
    #expect(try store.changes(runID: latest.id).previous?.id == good.run.id)
    #expect(!runs.contains { $0.status == .running || $0.status == .stored })
    #expect(try store.run(id: unseen)?.status == .outputsMissing)
    #expect(runs.filter { $0.status == .abandoned }.count >= 5)
    for run in runs where run.status == .abandoned {
      #expect(try store.results(runID: run.id).isEmpty)
    }
  }
}
