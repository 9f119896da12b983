import Foundation
import SignpostEngine
import SignpostRules
import SignpostStore
import SignpostTestSupport
import Testing

@Suite struct RunChangesTests {
  @Test func twoRunsADayApartGiveTheHandCheckedChangeList() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let pack = try tinyPack()
    let store = try RunStore(path: folder.path + "/runs.sqlite")
    let first = try storeRun(
      store, pack: pack, folder: folder, name: "day1", files: TwoDays.day1, asOf: "2025-04-01")
    let second = try storeRun(
      store, pack: pack, folder: folder, name: "day2", files: TwoDays.day2, asOf: "2025-04-02")

    // Day 1 as stored.
    let day1 = try store.results(runID: first.id)
    #expect(day1.map(\.personID) == ["A", "B", "C", "D", "E", "F"])
    #expect(day1.map(\.band) == ["medium", "high", "medium", "low", "medium", "medium"])
    #expect(day1[1].fired == ["persistent_absence", "recent_suspect_contact"])
    #expect(try store.referrals(runID: first.id).map(\.personID) == ["B", "C"])

    let changes = try store.changes(runID: second.id)
    #expect(changes.previous?.id == first.id)
    #expect(changes.note == nil)
    #expect(!changes.rulesChanged)

    func summary(_ kind: RunChanges.Kind) -> [String] {
      changes.people(kind).map {
        "\($0.personID) \($0.bandBefore ?? "-")>\($0.bandAfter ?? "-") \($0.indicators.text)"
      }
    }
    #expect(
      summary(.newToBand) == [
        "D low>medium +persistent_absence", "G ->medium +recent_suspect_contact",
      ])
    #expect(summary(.escalated) == ["A medium>high +recent_suspect_contact"])
    #expect(summary(.deescalated) == ["B high>medium -persistent_absence"])
    #expect(
      summary(.noLongerFlagged) == [
        "C medium>low -recent_suspect_contact", "F medium>- -persistent_absence",
      ])
    #expect(changes.people.count == 6)  // E did not change

    #expect(changes.recommendations.count == 1)
    let new = try #require(changes.recommendations.first)
    #expect(new.programme == "pied")
    #expect(new.personID == "A")
    #expect(new.rank == 1)
    #expect(new.score == 50)
    #expect(new.statusBefore == nil)
    #expect(new.indicators.added == ["recent_suspect_contact"])

    let csv = changes.csv
    #expect(csv.contains("escalated,,A,medium,high,20,50,recent_suspect_contact,\r\n"))
    #expect(csv.contains("new_recommendation,pied,A,medium,high,,50,recent_suspect_contact,\r\n"))
    #expect(changes.text.contains("escalated: 1\n  A  medium -> high  score 20 -> 50"))
  }

  @Test func onlyCompleteRunsAreCompared() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let pack = try tinyPack()
    let store = try RunStore(path: folder.path + "/runs.sqlite")
    let first = try storeRun(
      store, pack: pack, folder: folder, name: "day1", files: TwoDays.day1, asOf: "2025-04-01")
    #expect(try store.changes(runID: first.id).note?.contains("first complete run") == true)

    let failed = try store.startRun(user: "tester")
    try store.finishRun(
      id: failed, as: .failed, reason: "the pack does not compile", user: "tester")
    let killed = try store.startRun(user: "tester")
    #expect(throws: StoreError.self) { try store.changes(runID: failed) }
    #expect(throws: StoreError.self) { try store.changes(runID: killed) }
    #expect(throws: StoreError.self) { try store.changes(runID: 999) }

    let second = try storeRun(
      store, pack: pack, folder: folder, name: "day2", files: TwoDays.day2, asOf: "2025-04-02")
    #expect(try store.changes(runID: second.id).previous?.id == first.id)
    #expect(try store.run(id: failed)?.status == .failed)
    #expect(try store.run(id: failed)?.error == "the pack does not compile")
    #expect(try store.latestCompleteRun()?.id == second.id)
  }

  /// A run stored but never shown (killed before its outputs) is not what the next run
  /// compares with: its new recommendations are shown again as new.
  @Test func aStoredRunWithoutOutputsIsNeverComparedWith() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let pack = try tinyPack()
    let store = try RunStore(path: folder.path + "/runs.sqlite")
    let first = try storeRun(
      store, pack: pack, folder: folder, name: "day1", files: TwoDays.day1, asOf: "2025-04-01")
    let unseen = try storeRun(
      store, pack: pack, folder: folder, name: "day2", files: TwoDays.day2, asOf: "2025-04-02",
      seen: false)
    #expect(try store.run(id: unseen.id)?.status == .stored)
    #expect(try store.latestCompleteRun()?.id == first.id)
    #expect(try store.markUnseenRuns(user: "tester") == [unseen.id])
    #expect(try store.run(id: unseen.id)?.status == .outputsMissing)

    let next = try storeRun(
      store, pack: pack, folder: folder, name: "day3", files: TwoDays.day2, asOf: "2025-04-03")
    let changes = try store.changes(runID: next.id)
    #expect(changes.previous?.id == first.id)
    #expect(changes.recommendations.map(\.personID) == ["A"])
    let actions = try store.auditEntries().filter { $0.runID == unseen.id }.map(\.action)
    #expect(actions == ["started", "stored", "outputs_missing"])
  }

  /// People tied at the last place are stored with their status and the programme's note
  /// (the store's referral table once allowed only recommended and waitlisted).
  @Test func tiedReferralsAreStoredWithTheirNote() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let fixture = try PackFixture(edits: [
      "programmes/pied.yaml": replacing("capacity: 5", with: "capacity: 1")
    ])
    defer { fixture.remove() }
    let pack = try fixture.compile().get()
    let twins: [String: String] = [
      "people.csv": "person_id,date_of_birth,attendance\nX,2010-06-01,85\nY,2010-06-01,85\n",
      "police_contacts.csv": "person_id,date,role\nX,2025-04-01,suspect\nY,2025-04-01,suspect\n",
      "social_care.csv": "person_id,open_to_service\nX,false\nY,false\n",
    ]
    let store = try RunStore(path: folder.path + "/runs.sqlite")
    let run = try storeRun(
      store, pack: pack, folder: folder, name: "twins", files: twins, asOf: "2025-04-02")
    let stored = try store.referrals(runID: run.id)
    #expect(stored.map(\.status) == [.tied, .tied])
    #expect(stored.map(\.note) == run.run.referrals.map(\.note))
    #expect(stored.allSatisfy { !$0.note.isEmpty })
  }
}
