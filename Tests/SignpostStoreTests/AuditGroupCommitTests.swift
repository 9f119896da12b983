import Foundation
import GRDB
import SignpostStore
import SignpostTestSupport
import Testing

@Suite struct AuditGroupCommitTests {
  func read(_ id: String) -> PersonReadRequest {
    PersonReadRequest(personIDs: [id], page: "api:score", user: "client", role: "triage")
  }

  /// Callers that arrive while a transaction is committing share the next one, and each
  /// returns only once its read is committed: a second connection sees every read then.
  @Test func callersWaitingForACommitShareTheNextOne() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/runs.sqlite"
    let store = try RunStore(path: path)
    let audit = AuditGroupCommit(store: store)
    // Another connection holds the write lock, so the first transaction waits for it.
    var configuration = Configuration()
    configuration.allowsUnsafeTransactions = true
    let blocker = try DatabaseQueue(path: path, configuration: configuration)
    try await blocker.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
    let first = Task { try await audit.record(read("first")) }
    // The first transaction has taken its one read and waits for the lock.
    while audit.largestGroup < 1 { try await Task.sleep(for: .milliseconds(5)) }
    let later = (1...5).map { n in Task { try await audit.record(read("later-\(n)")) } }
    while audit.waiting < 5 { try await Task.sleep(for: .milliseconds(5)) }
    try await blocker.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
    try await first.value
    for task in later { try await task.value }
    #expect(audit.largestGroup == 5)
    let reader = try RunStore(path: path)
    for id in ["first"] + (1...5).map({ "later-\($0)" }) {
      let reads = try reader.personReads(personID: id)
      #expect(reads.map(\.page) == ["api:score"], "\(id)")
    }
  }

  /// A caller may work while its reads are committed and wait afterwards: the commit
  /// begun first is found finished.
  @Test func aCommitWaitedForAfterItFinishedReturns() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let store = try RunStore(path: folder.path + "/runs.sqlite")
    let audit = AuditGroupCommit(store: store)
    let commit = audit.begin(read("A"))
    while try store.personReads(personID: "A").isEmpty {
      try await Task.sleep(for: .milliseconds(5))
    }
    try await commit.wait()
    #expect(commit.isFinished)
    try await commit.wait()
    #expect(try store.personReads(personID: "A").count == 1)
  }

  /// A transaction that fails fails every caller in it, and records none of their reads.
  @Test func aFailedCommitFailsItsCallers() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/runs.sqlite"
    let store = try RunStore(path: path)
    let audit = AuditGroupCommit(store: store)
    let other = try DatabaseQueue(path: path)
    try await other.write { db in try db.execute(sql: "ALTER TABLE person_read RENAME TO gone") }
    await #expect(throws: StoreError.self) { try await audit.record(read("A")) }
    #expect(audit.waiting == 0)
    try await other.write { db in try db.execute(sql: "ALTER TABLE gone RENAME TO person_read") }
    try await audit.record(read("B"))
    #expect(try store.personReads(personID: "A").isEmpty)
    #expect(try store.personReads(personID: "B").count == 1)
  }

  /// A read that fails after another of the same transaction was inserted rolls the whole
  /// transaction back, and the next one commits.
  @Test func aReadFailingMidTransactionRecordsNoneOfIt() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/runs.sqlite"
    let store = try RunStore(path: path)
    let other = try DatabaseQueue(path: path)
    try other.write { db in
      try db.execute(
        sql: """
          CREATE TRIGGER refuse_b BEFORE INSERT ON person_read WHEN NEW.person_id = 'B'
          BEGIN SELECT RAISE(ABORT, 'refused'); END
          """)
    }
    #expect(throws: StoreError.self) {
      try store.recordPersonReadsAtLatestRun(["A", "B"], page: "p", user: "u", role: "triage")
    }
    #expect(try store.personReads(personID: "A").isEmpty)
    try store.recordPersonReadsAtLatestRun(["C"], page: "p", user: "u", role: "triage")
    #expect(try store.personReads(personID: "C").count == 1)
  }
}
