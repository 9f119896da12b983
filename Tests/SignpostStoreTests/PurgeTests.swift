import Foundation
import GRDB
import SignpostStore
import SignpostTestSupport
import Testing

@Suite struct PurgeTests {
  @Test func purgeDropsPersonRowsAndKeepsRunSummaries() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let pack = try tinyPack()
    let path = folder.path + "/runs.sqlite"
    let store = try RunStore(path: path)
    let old = try storeRun(
      store, pack: pack, folder: folder, name: "day1", files: TwoDays.day1, asOf: "2025-04-01")
    let recent = try storeRun(
      store, pack: pack, folder: folder, name: "day2", files: TwoDays.day2, asOf: "2025-04-02")
    // Make the first run 100 days old.
    let longAgo = StoreClock.timestamp(Date().addingTimeInterval(-100 * 86_400))
    try DatabaseQueue(path: path).write { db in
      try db.execute(
        sql: "UPDATE run SET started_at = ? WHERE id = ?", arguments: [longAgo, old.id])
    }
    let before = try #require(try store.run(id: old.id))

    let period = try #require(RetentionPeriod("90d"))
    let report = try store.purge(before: period.cutoff(from: Date()), user: "dpo")
    #expect(report.runIDs == [old.id])
    #expect(report.results == 6)
    #expect(report.referrals == 2)

    // Person-level rows of the old run are gone; its summary stays.
    #expect(try store.results(runID: old.id).isEmpty)
    #expect(try store.referrals(runID: old.id).isEmpty)
    let after = try #require(try store.run(id: old.id))
    #expect(after.status == .complete)
    #expect(after.peopleScored == before.peopleScored)
    #expect(after.packHash == before.packHash)
    #expect(after.summaryJSON == before.summaryJSON)
    #expect(after.resultsPurgedAt != nil)
    #expect(try store.inputs(runID: old.id).count == 3)

    // The recent run is untouched.
    #expect(try store.results(runID: recent.id).count == 6)
    #expect(try store.changes(runID: recent.id).note?.contains("purged") == true)

    // The purge is audited, and a second purge finds nothing more.
    let audit = try store.auditEntries().last
    #expect(audit?.command == "purge")
    #expect(audit?.user == "dpo")
    #expect(audit?.detail.contains("results=6") == true)
    #expect(try store.purge(before: period.cutoff(from: Date()), user: "dpo").runIDs.isEmpty)

    // The write-ahead log was checkpointed and truncated, so no copy of the deleted pages
    // is left in it.
    let wal = (try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data()
    #expect(wal.isEmpty)
  }
}
