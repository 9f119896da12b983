import SignpostEngine
import Testing

private let kernel = ProgrammeKernel(
  id: "p", eligibility: ["old_enough", "in_area"], exclusions: ["open_case"], hasPriority: true,
  capacity: 1)

/// Decides with the given condition results, in order, and priority.
private func verdict(
  _ conditions: [(Bool, ValueStatus)], priority: (Double, ValueStatus) = (7, .ok),
  inScope: Bool = true
) -> ProgrammeKernel.Verdict {
  kernel.decide(
    inScope: inScope, score: 40, condition: { conditions[$0] }, priority: { priority })
}

@Test(
  arguments: [
    ([(true, .ok), (false, .ok), (true, .ok)], (7, .ok), .notEligible, 1, 0),
    ([(true, .ok), (true, .ok), (true, .ok)], (7, .ok), .excluded, 2, 0),
    ([(false, .unknown), (false, .ok), (true, .ok)], (7, .ok), .notEvaluated, 0, 0),
    ([(true, .ok), (false, .error), (true, .ok)], (7, .ok), .failed, 1, 0),
    ([(true, .ok), (true, .ok), (false, .ok)], (7, .ok), .eligible, 0, 7),
    ([(true, .ok), (true, .ok), (false, .ok)], (0, .unknown), .notEvaluated, 3, 0),
  ] as [([(Bool, ValueStatus)], (Double, ValueStatus), ScoreTable.Decision, UInt16, Double)])
func theFirstConditionThatDecidesNamesTheDecision(
  conditions: [(Bool, ValueStatus)], priority: (Double, ValueStatus),
  decision: ScoreTable.Decision, condition: UInt16, rank: Double
) {
  #expect(
    verdict(conditions, priority: priority)
      == .init(decision: decision, condition: condition, priority: rank))
}

@Test func someoneOutsideTheScopeIsNotEligibleByScope() {
  #expect(verdict([], inScope: false).condition == ProgrammeKernel.scopeCondition)
}

@Test func verdictsAndDecisionsConvertBothWays() {
  let cases: [ProgrammeDecision] = [
    .eligible(priority: 3), .notEligible(condition: "in_area"), .excluded(condition: "open_case"),
    .notEvaluated(condition: "priority", missing: ["person.x"]),
    .failed(condition: "old_enough", message: "boom"), .notEligible(condition: "scope"),
  ]
  for decision in cases {
    let missing = if case .notEvaluated(_, let m) = decision { m } else { [String]() }
    let message = if case .failed(_, let m) = decision { m } else { "" }
    #expect(
      kernel.decision(kernel.verdict(decision), missing: missing, message: message) == decision)
  }
}

@Test func noPriorityRanksByScore() {
  let plain = ProgrammeKernel(id: "q", capacity: nil)
  let result = plain.decide(
    inScope: true, score: 55, condition: { _ in (true, .ok) }, priority: { (0, .error) })
  #expect(result == .init(decision: .eligible, condition: 0, priority: 55))
}
