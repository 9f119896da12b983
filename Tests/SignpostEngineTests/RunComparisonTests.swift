import SignpostEngine
import Testing

/// ``RunChanges`` as a pure comparison of two runs' values, without a store.
@Test func twoRunsCompareByBandRankAndNewRecommendations() {
  let bands = ["high", "medium", "low"]
  let first = ComparedRun(
    id: 1, label: "run 1", asOf: "2025-04-01", packID: "tiny", packVersion: "1", packHash: "a",
    bands: bands)
  let second = ComparedRun(
    id: 2, label: "run 2", asOf: "2025-04-02", packID: "tiny", packVersion: "1", packHash: "b",
    bands: bands)
  let before = [
    RunChanges.Outcome(personID: "A", score: 20, band: "medium", fired: ["absence"]),
    RunChanges.Outcome(personID: "B", score: 50, band: "high", fired: ["absence", "contact"]),
    RunChanges.Outcome(personID: "C", score: 30, band: "medium", fired: ["contact"]),
  ]
  let after = [
    RunChanges.Outcome(personID: "A", score: 50, band: "high", fired: ["absence", "contact"]),
    RunChanges.Outcome(personID: "B", score: 30, band: "medium", fired: ["contact"]),
    RunChanges.Outcome(personID: "D", score: 20, band: "medium", fired: ["absence"]),
  ]
  let referrals = [
    RunChanges.Referral(programme: "pied", personID: "A", rank: 1, score: 50, status: .recommended),
    RunChanges.Referral(programme: "pied", personID: "B", rank: 2, score: 30, status: .recommended),
  ]
  let previousReferrals = [
    RunChanges.Referral(programme: "pied", personID: "B", rank: 1, score: 50, status: .recommended)
  ]
  let changes = RunChanges(
    run: second, previous: first, results: after, previousResults: before, referrals: referrals,
    previousReferrals: previousReferrals)
  #expect(changes.rulesChanged)
  #expect(
    changes.people.map { "\($0.kind.rawValue) \($0.personID)" } == [
      "new_to_band D", "escalated A", "de_escalated B", "no_longer_flagged C",
    ])
  #expect(changes.people(.escalated).first?.indicators.text == "+contact")
  #expect(changes.recommendations.map(\.personID) == ["A"])
  #expect(
    changes.csv.hasPrefix(
      "change,programme,person_id,band_before,band_after,score_before,score_after,indicators_added,indicators_removed\r\nnew_to_band,,D,,medium,,20,absence,\r\n"
    ))
}
