import Foundation
import GRDB
import SignpostEngine
import SignpostStore
import SignpostTestSupport
import Testing

@Suite struct DecisionStoreTests {
  /// A store with the two days' runs of the tiny pack.
  func twoRuns(_ folder: TemporaryFolder) throws -> (RunStore, CompiledPackRuns) {
    let pack = try tinyPack()
    let store = try RunStore(path: folder.path + "/runs.sqlite")
    var ids: [Int64] = []
    for (n, day) in [TwoDays.day1, TwoDays.day2].enumerated() {
      let stored = try storeRun(
        store, pack: pack, folder: folder, name: "day\(n + 1)", files: day, asOf: "2025-04-01")
      ids.append(stored.id)
    }
    return (store, CompiledPackRuns(ids: ids, packHash: pack.contentHash))
  }

  struct CompiledPackRuns {
    var ids: [Int64]
    var packHash: String
  }

  @Test func theMigrationAddsDecisionsAndPersonReads() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let store = try RunStore(path: folder.path + "/runs.sqlite")
    #expect(try store.appliedMigrations() == StoreMigrations.names)
    #expect(StoreMigrations.names.last == "v5 decisions and person reads")
  }

  @Test func decisionsCarryOverToTheNextRunUntilReplaced() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let (store, runs) = try twoRuns(folder)
    try store.recordDecision(
      programme: "pied", personID: "B", kind: .defer, reason: .moreInformation, note: "",
      user: "triage", runID: runs.ids[0], packHash: runs.packHash)
    // Made against run 1, it is still B's decision in run 2's queue.
    #expect(try store.latestDecisions(programme: "pied")["B"]?.kind == .defer)
    try store.recordDecision(
      programme: "pied", personID: "B", kind: .accept, reason: .meetsCriteria, note: "agreed",
      user: "lead", runID: runs.ids[1], packHash: runs.packHash)
    let latest = try store.latestDecisions(programme: "pied")
    #expect(latest["B"]?.kind == .accept)
    #expect(latest["B"]?.user == "lead")
    #expect(latest["B"]?.runID == runs.ids[1])
    #expect(try store.latestDecisions(programme: "other").isEmpty)
    #expect(try store.decisions(personID: "B").map(\.kind) == [.defer, .accept])
    #expect(try store.decisionCounts() == [.defer: 1, .accept: 1])
  }

  @Test func aNoteOverTheLimitIsRefused() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let (store, runs) = try twoRuns(folder)
    #expect(throws: StoreError.self) {
      try store.recordDecision(
        programme: "pied", personID: "B", kind: .decline, reason: .other,
        note: String(repeating: "x", count: Decision.noteLimit + 1), user: "triage",
        runID: runs.ids[1], packHash: runs.packHash)
    }
    #expect(try store.decisions(personID: "B").isEmpty)
  }

  @Test func bandHistoryAndThePersonAudit() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let (store, runs) = try twoRuns(folder)
    #expect(try store.bandHistory(personID: "A").map(\.band) == ["medium", "high"])
    #expect(try store.bandHistory(personID: "G").map(\.runID) == [runs.ids[1]])
    try store.recordPersonReads(
      ["A", "B"], page: "queue:pied", user: "lead", role: "programme_lead", runID: runs.ids[1])
    try store.recordPersonReads(
      ["A"], page: "person", user: "st-marys", role: "school", runID: runs.ids[1],
      outcome: .refused)
    let audit = try store.personAudit(personID: "A")
    #expect(audit.reads.map(\.user) == ["lead", "st-marys"])
    #expect(audit.reads.map(\.outcome) == [.shown, .refused])
    #expect(audit.text.contains("refused  st-marys (school)  person run \(runs.ids[1])"))
    #expect(try store.personReads(personID: "B").count == 1)
  }

  /// A read recorded at the latest run takes that run's id in the insert itself: none before
  /// the first complete run, the newer run's once there are two.
  @Test func aReadAtTheLatestRunRecordsThatRunsID() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let empty = try RunStore(path: folder.path + "/empty.sqlite")
    try empty.recordPersonReadsAtLatestRun(["A"], page: "api:score", user: "t", role: "triage")
    #expect(try empty.personReads(personID: "A").map(\.runID) == [nil])
    let (store, runs) = try twoRuns(folder)
    try store.recordPersonReadsAtLatestRun(["A"], page: "api:score", user: "t", role: "triage")
    try store.recordPersonReadsAtLatestRun(["A"], page: "api:score", user: "t", role: "triage")
    #expect(try store.personReads(personID: "A").map(\.runID) == [runs.ids[1], runs.ids[1]])
  }

  @Test func aProgrammesReferralsAndTheirResultsAreReadAlone() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let (store, runs) = try twoRuns(folder)
    let all = try store.referrals(runID: runs.ids[1])
    let pied = try store.referrals(runID: runs.ids[1], programme: "pied")
    #expect(!pied.isEmpty)
    #expect(pied == all.filter { $0.programme == "pied" })
    let results = try store.results(runID: runs.ids[1], programme: "pied")
    #expect(results.map(\.personID).sorted() == pied.map(\.personID).sorted())
    let byPerson = Dictionary(
      try store.results(runID: runs.ids[1]).map { ($0.personID, $0) },
      uniquingKeysWith: { a, _ in a })
    #expect(results.allSatisfy { byPerson[$0.personID] == $0 })
    #expect(try store.referrals(runID: runs.ids[1], programme: "none").isEmpty)
  }
}
