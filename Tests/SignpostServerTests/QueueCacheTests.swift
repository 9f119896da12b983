import Foundation
import SignpostEngine
import SignpostRules
import SignpostServer
import SignpostStore
import Testing

/// The queue's rows are built once per run (``RankedRowsCache``), so the page must follow the
/// store: a new night's run replaces them, and so does a purge.
@Suite struct QueueCacheTests {
  @Test func aNewRunAndAPurgeReplaceTheRowsKept() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let user = try fixture.user("triage")
    let first = try fixture.service.queue("pied", filter: QueueFilter { _ in nil }, for: user)
    #expect(first.runID == 2)
    // A and C were not referred on day 1.
    #expect(first.rows.filter(\.isNew).map(\.personID).sorted() == ["A", "C"])

    // The next night reads the same extracts: no one is new since run 2.
    let pack = fixture.service.scoring.scoring.pack
    let id = try fixture.store.startRun(user: "batch")
    let run = try ScoringRun.run(
      pack: pack, inputDirectory: fixture.input, asOf: try #require(PackDate(iso: "2025-04-01")))
    try fixture.store.storeRun(id: id, run, user: "batch")
    try fixture.store.finishRun(id: id, as: .complete, user: "batch")
    let next = try fixture.service.queue("pied", filter: QueueFilter { _ in nil }, for: user)
    #expect(next.runID == id)
    #expect(next.rows.map(\.personID) == first.rows.map(\.personID))
    #expect(next.rows.allSatisfy { !$0.isNew })

    // A purge of every run's referrals empties the queue, though its rows were kept.
    _ = try fixture.store.purge(before: Date().addingTimeInterval(1), user: "admin")
    let purged = try fixture.service.queue("pied", filter: QueueFilter { _ in nil }, for: user)
    #expect(purged.runID == id)
    #expect(purged.rows.isEmpty)
  }
}
