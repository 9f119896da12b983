import Foundation
import SignpostEngine
import SignpostRules
import SignpostTestSupport
import Testing

// Programme decisions the Wigan review asked for (issue 11, items 4 and 5): ties at the last
// place go to the panel (never split by person id), an exclusion can list a person with a
// note instead of dropping them, and people already on a programme hold its places.

private func candidate(_ id: String, _ score: Int) -> ProgrammeKernel.Candidate {
  ProgrammeKernel.Candidate(person: Int(id.dropFirst()) ?? 0, id: id, priority: 0, score: score)
}

/// Five candidates; three tie on 40 across the second and last place of two. By id, P1
/// would have been admitted ahead of P2 and P3.
private let field = [
  candidate("P9", 50), candidate("P3", 40), candidate("P1", 40), candidate("P2", 40),
  candidate("P0", 30),
]

private func statuses(_ referrals: [Referral]) -> [String] {
  referrals.map { "\($0.id) \($0.rank) \($0.status.rawValue)" }
}

@Test func peopleTiedAtTheLastPlaceAreAllListedForThePanelWithThePlacesLeft() {
  let kernel = ProgrammeKernel(id: "wlz", capacity: 2)
  let referrals = kernel.place(field)
  #expect(
    statuses(referrals) == [
      "P9 1 recommended", "P1 2 tied", "P2 2 tied", "P3 2 tied", "P0 5 waitlisted",
    ])
  #expect(
    referrals.filter { $0.status == .tied }.allSatisfy {
      $0.note == "1 place left for 3 tied at the last place: the panel decides"
    })
}

@Test func aProgrammeMayDeclareThatTiesAreAllRecommendedOrAllWaitlisted() {
  let all = ProgrammeKernel(id: "p", capacity: 2, ties: .recommendAll).place(field)
  #expect(
    all.map(\.status) == [.recommended, .recommended, .recommended, .recommended, .waitlisted])
  let none = ProgrammeKernel(id: "p", capacity: 2, ties: .waitlistAll).place(field)
  #expect(none.map(\.status) == [.recommended, .waitlisted, .waitlisted, .waitlisted, .waitlisted])
}

@Test func noTieAtTheLastPlaceLeavesTheRankOrderAlone() {
  let referrals = ProgrammeKernel(id: "p", capacity: 4).place(field)
  #expect(
    referrals.map(\.status) == [
      .recommended, .recommended, .recommended, .recommended, .waitlisted,
    ])
  #expect(referrals.map(\.rank) == [1, 2, 3, 4, 5])
}

@Test func placesAreNetOfThoseAlreadyOnTheProgramme() {
  let referrals = ProgrammeKernel(id: "p", capacity: 3).place(field, holders: 2)
  #expect(statuses(referrals).prefix(2) == ["P9 1 recommended", "P1 2 waitlisted"])
  let full = ProgrammeKernel(id: "p", capacity: 2).place(field, holders: 5)
  #expect(full.allSatisfy { $0.status == .waitlisted })
}

/// Four suspects this week with the same record (score 50: attendance 85 and a contact), one
/// of them already open to a service; PIED's capacity 2.
private let sameWeek = [
  "people.csv": """
  person_id,date_of_birth,attendance
  P1,2010-06-01,85
  P2,2010-06-01,85
  P3,2010-06-01,85
  P4,2010-06-01,85

  """,
  "police_contacts.csv": """
  person_id,date,role
  P1,2025-03-28,suspect
  P2,2025-03-28,suspect
  P3,2025-03-28,suspect
  P4,2025-03-28,suspect

  """,
  "social_care.csv": """
  person_id,open_to_service
  P1,false
  P2,false
  P3,false
  P4,true

  """,
]

private let engines: [ScoringRun.Engine] = [.fast, .reference]

/// Scores the same-week extract with an edited pack, then removes the pack.
private func sameWeekRun(_ pack: PackFixture, engine: ScoringRun.Engine) throws -> ScoringRun {
  defer { pack.remove() }
  let folder = try TemporaryFolder(files: sameWeek)
  defer { folder.remove() }
  return try ScoringRun.run(
    pack: try pack.compile().get(),
    inputDirectory: folder.path, asOf: asOf, engine: engine)
}

@Test(arguments: engines)
func anExclusionWithOutcomeListedListsThePersonWithItsNoteInBothEngines(engine: ScoringRun.Engine)
  throws
{
  let pack = try PackFixture(edits: [
    "programmes/pied.yaml": { text in
      text.replacingOccurrences(of: "capacity: 5\n", with: "")
        .replacingOccurrences(
          of: "    when: person.open_to_service\n",
          with:
            "    when: person.open_to_service\n    outcome: listed\n    note: \"Already open: inform the allocated worker\"\n"
        )
    }
  ])
  let run = try sameWeekRun(pack, engine: engine)
  #expect(
    statuses(run.referrals) == [
      "P1 1 recommended", "P2 2 recommended", "P3 3 recommended", "P4 0 listed",
    ])
  #expect(run.referrals.last?.note == "Already open: inform the allocated worker")
  let csv = RunOutputs.referralsCSV(run)
  #expect(
    csv.contains(
      "pied,0,P4,50,high,listed,persistent_absence;recent_suspect_contact,Already open: inform the allocated worker"
    ))
  let p4 = try #require(run.read.population.ids.firstIndex(of: "P4"))
  let explanation = Explanation(run.result(for: p4), in: run)
  #expect(explanation.programmes.first?.status == .listed)
}

@Test(arguments: engines)
func aTieAtTheCapacityLineGoesToThePanelAndHoldersTakePlacesInBothEngines(
  engine: ScoringRun.Engine
) throws {
  let pack = try PackFixture(edits: [
    "programmes/pied.yaml": { text in
      text.replacingOccurrences(of: "capacity: 5\n", with: "capacity: 3\n")
        .replacingOccurrences(
          of: "    when: person.open_to_service\n",
          with: "    when: person.open_to_service\n    outcome: holds_place\n")
    }
  ])
  let run = try sameWeekRun(pack, engine: engine)
  // P4 holds one of three places; P1-P3 tie for the two left.
  #expect(statuses(run.referrals) == ["P1 1 tied", "P2 1 tied", "P3 1 tied"])
  #expect(
    run.referrals.allSatisfy {
      $0.note == "2 places left for 3 tied at the last place: the panel decides"
    })
}
