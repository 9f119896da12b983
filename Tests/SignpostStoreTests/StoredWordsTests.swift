import GRDB
import SignpostStore
import SignpostTestSupport
import Testing

/// A stored word this Signpost does not know is an error, never read as another word.
@Suite struct StoredWordsTests {
  /// A store with one complete run of the tiny pack, and the path of its database file.
  func storedRun(_ folder: TemporaryFolder) throws -> (RunStore, Int64, String) {
    let path = folder.path + "/runs.sqlite"
    let store = try RunStore(path: path)
    let stored = try storeRun(
      store, pack: try tinyPack(), folder: folder, name: "day1", files: TwoDays.day1,
      asOf: "2025-04-01")
    return (store, stored.id, path)
  }

  /// Writes a word the store's CHECK constraints would refuse, as a newer version might.
  func overwrite(_ path: String, _ sql: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
      try db.execute(sql: sql)
    }
  }

  @Test func aReferralWithAnUnknownStatusIsAnError() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let (store, id, path) = try storedRun(folder)
    #expect(try !store.referrals(runID: id).isEmpty)
    try overwrite(path, "UPDATE referral SET status = 'offered'")
    let error = #expect(throws: StoreError.self) { try store.referrals(runID: id) }
    #expect(error?.message == "referral.status 'offered' is not one this Signpost knows")
  }

  @Test func aRunWithAnUnknownStatusIsAnError() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let (store, id, path) = try storedRun(folder)
    try overwrite(path, "UPDATE run SET status = 'paused' WHERE id = \(id)")
    let error = #expect(throws: StoreError.self) { try store.run(id: id) }
    #expect(error?.message == "run.status 'paused' is not one this Signpost knows")
  }
}
