import GRDB
import SignpostTestSupport
import Testing

@testable import SignpostStore

/// Every commit of the store is synced to disk before it returns (`synchronous = FULL` on
/// the writing connection), although GRDB sets `NORMAL` when it turns WAL on.
@Test func theStoreCommitsDurably() throws {
  let folder = try TemporaryFolder()
  defer { folder.remove() }
  let store = try RunStore(path: folder.path + "/runs.sqlite")
  let mode = try store.write("read the sync mode") { db in
    try Int.fetchOne(db, sql: "PRAGMA synchronous")
  }
  #expect(mode == 2)  // FULL
  let journal = try store.write("read the journal mode") { db in
    try String.fetchOne(db, sql: "PRAGMA journal_mode")
  }
  #expect(journal == "wal")
}
