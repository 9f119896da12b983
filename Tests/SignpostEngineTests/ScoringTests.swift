import Foundation
import SignpostRules
import SignpostTestSupport
import Testing

@testable import SignpostEngine

private func tinyRun() throws -> ScoringRun {
  try ScoringRun.run(
    pack: try tinyPack(), inputDirectory: fixtures.appendingPathComponent("extracts/tiny").path,
    asOf: asOf)
}

@Test func explanationNamesTheValuesThatFiredAndTheDecidingCondition() throws {
  let run = try tinyRun()
  let p1 = try #require(run.read.population.index(of: "P1"))
  #expect(
    Explanation(run.result(for: p1), in: run).text == """
      Person P1, as of 2025-04-01
      Score 50 of 100, band high.

      Why:
        Education: 20 points
          +20  Attendance 85.5% is at or below 90%  [persistent_absence]
               basis: DfE persistent absence, 10% or more of sessions missed
        Police contact: 30 points
          +30  1 police contacts as a suspect in the last 7 days, latest 2025-03-28  [recent_suspect_contact]
        Total: Education 20 + Police contact 30 = 50

      Programmes:
        PIED: recommended — rank 1 of 1 eligible; 5 places
          route: Weekly PIED multi-agency meeting

      This is a recommendation; a person decides, and records the decision and why.

      """)
  let p7 = try #require(run.read.population.index(of: "P7"))
  #expect(
    Explanation(run.result(for: p7), in: run).text.contains(
      "PIED: excluded — excluded: Already open to a service"))
}

@Test func scoresAndReferralsAreTheSameBytesEveryRun() throws {
  let first = try tinyRun()
  let second = try tinyRun()
  #expect(RunOutputs.scoresCSV(first) == RunOutputs.scoresCSV(second))
  #expect(RunOutputs.scoresNDJSON(first) == RunOutputs.scoresNDJSON(second))
  #expect(RunOutputs.referralsCSV(first) == RunOutputs.referralsCSV(second))
  #expect(RunOutputs.rejectsCSV(first) == RunOutputs.rejectsCSV(second))
  #expect(
    String(decoding: RunOutputs.scoresCSV(first), as: UTF8.self) == """
      person_id,score,band,points_education,points_police,points_familial,fired,not_evaluated\r
      P1,50,high,20,30,0,persistent_absence;recent_suspect_contact,\r
      P2,0,low,0,0,0,,\r
      P5,0,low,0,0,0,,persistent_absence\r
      P7,30,medium,0,30,0,recent_suspect_contact,\r

      """)
}

@Test func placesGoInRankOrderAndTheRestAreWaitlisted() throws {
  func result(_ id: String, score: Int, priority: Double) -> PersonResult {
    PersonResult(
      personIndex: 0, id: id, inScope: true, outcomes: [], evidence: [], domainPoints: [],
      score: score, band: "", decisions: [.eligible(priority: priority)])
  }
  let referrals = ProgrammeAllocation.allocate(
    [
      result("c", score: 10, priority: 10), result("a", score: 30, priority: 10),
      result("b", score: 30, priority: 10), result("d", score: 90, priority: 5),
    ], programmes: [ProgrammeKernel(id: "p", capacity: 2)])
  #expect(referrals.map(\.id) == ["a", "b", "c", "d"])
  #expect(referrals.map(\.status) == [.recommended, .recommended, .waitlisted, .waitlisted])
  #expect(referrals.map(\.rank) == [1, 2, 3, 4])
}

@Test func summaryReconcilesAndCountsBandsAndProgrammes() throws {
  let run = try tinyRun()
  let json = RunSummary(run).json
  #expect(json.contains(#""reconciled": true"#))
  #expect(json.contains(#""bands": {"high":1,"medium":1,"low":2}"#))
  #expect(
    json.contains(
      #""pied":{"recommended":1,"waitlisted":0,"tied":0,"listed":0,"not_eligible":2,"excluded":1"#))
  #expect(json.contains(#""rows_rejected": 7"#))
}

/// The condition a decision names, if it names one of the programme's conditions.
private func namedCondition(_ decision: ProgrammeDecision) -> Int? {
  switch decision {
  case .notEligible(.condition(let k)), .excluded(.condition(let k)),
    .notEvaluated(.condition(let k), _), .failed(.condition(let k), _):
    return k
  default: return nil
  }
}

@Test func explanationsNameEligibilityConditionsThenExclusions() throws {
  let run = try tinyRun()
  var named: Set<Bool> = []  // whether each condition named was an exclusion
  for person in 0..<run.read.population.count {
    let result = run.result(for: person)
    let explanation = Explanation(result, in: run)
    for (g, decision) in result.decisions.enumerated() {
      guard let k = namedCondition(decision) else { continue }
      let programme = run.pack.programmes[g].programme
      // The plain model: the conditions numbered in one list.
      let conditions = programme.eligibility + programme.exclusions
      #expect(explanation.programmes[g].reason.contains(conditions[k].description))
      named.insert(k >= programme.eligibility.count)
    }
  }
  #expect(named == [false, true])
}
