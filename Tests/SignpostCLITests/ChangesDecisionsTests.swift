import Foundation
import SignpostStore
import SignpostTestSupport
import Testing

/// Decisions carry over from night to night and show in `signpost changes`.
@Suite struct ChangesDecisionsTests {
  @Test func aDecisionFromTheLastRunShowsBesideThePersonInTheNextRunsChanges() throws {
    let folder = try RunCommandTests.setUp()
    defer { folder.remove() }
    let first = try SignpostBinary.run(
      ["run", "--config", "day1.yaml", "--as-of", "2025-04-01"], in: folder.path)
    #expect(first.status == 0, "\(first.stderr)")
    // The meeting after run 1: A deferred for PIED, then accepted; E (in no change) declined.
    let store = try RunStore(path: folder.path + "/store/runs.sqlite")
    for (person, kind, reason) in [
      ("A", DecisionKind.defer, DecisionReason.moreInformation),
      ("A", .accept, .meetsCriteria), ("E", .decline, .noCapacity),
    ] {
      try store.recordDecision(
        programme: "pied", personID: person, kind: kind, reason: reason, note: "",
        user: "pied-lead", runID: 1, packHash: "abc",
        now: Date(timeIntervalSince1970: 1_743_500_000))
    }
    let second = try SignpostBinary.run(
      ["run", "--config", "day2.yaml", "--as-of", "2025-04-02"], in: folder.path)
    #expect(second.status == 0, "\(second.stderr)")

    let changes = try SignpostBinary.run(
      ["changes", "--run", "2", "--store", "store/runs.sqlite"], in: folder.path)
    #expect(changes.status == 0, "\(changes.stderr)")
    #expect(
      changes.stdout.hasSuffix(
        """
        new recommendations: 1
          pied  #1  A  score 50  +recent_suspect_contact
        decisions standing on these people: 1
          A  pied  accept (meets_criteria)  by pied-lead at 2025-04-01T09:33:20Z, run 1

        """), "\(changes.stdout)")

    // Run 1 compares with nothing, so it lists no one and no decision.
    let firstChanges = try SignpostBinary.run(
      ["changes", "--run", "1", "--store", "store/runs.sqlite"], in: folder.path)
    #expect(!firstChanges.stdout.contains("decisions standing"))
  }
}
