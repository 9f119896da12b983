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
    ([(true, .ok), (false, .ok), (true, .ok)], (7, .ok), .notEligible, .condition(1), 0),
    ([(true, .ok), (true, .ok), (true, .ok)], (7, .ok), .excluded, .condition(2), 0),
    ([(false, .unknown), (false, .ok), (true, .ok)], (7, .ok), .notEvaluated, .condition(0), 0),
    ([(true, .ok), (false, .error), (true, .ok)], (7, .ok), .failed, .condition(1), 0),
    ([(true, .ok), (true, .ok), (false, .ok)], (7, .ok), .eligible, nil, 7),
    ([(true, .ok), (true, .ok), (false, .ok)], (0, .unknown), .notEvaluated, .priority, 0),
  ]
    as [(
      [(Bool, ValueStatus)], (Double, ValueStatus), ScoreTable.Decision, DecidingCondition?,
      Double
    )])
func theFirstConditionThatDecidesNamesTheDecision(
  conditions: [(Bool, ValueStatus)], priority: (Double, ValueStatus),
  decision: ScoreTable.Decision, condition: DecidingCondition?, rank: Double
) {
  #expect(
    verdict(conditions, priority: priority)
      == .init(decision: decision, condition: condition, priority: rank))
}

@Test func someoneOutsideTheScopeIsNotEligibleByScope() {
  #expect(verdict([], inScope: false).condition == .scope)
}

@Test func decidingConditionsKeepTheirCodeInAScoreTable() {
  for condition in [DecidingCondition.scope, .priority, .condition(0), .condition(2)] {
    #expect(DecidingCondition(code: condition.code) == condition)
  }
  #expect(kernel.conditionName(.condition(1)) == "in_area")
  #expect(kernel.conditionName(.scope) == "scope")
  #expect(kernel.conditionName(.priority) == "priority")
}

@Test func missingInputsKeepTheirSpellingAsUnknownAttributes() {
  let inputs: [MissingInput] = [
    .field("person.attendance"), .source("police"), .linkedIndicator("gang_sibling"),
  ]
  #expect(
    inputs.map(\.attribute) == [
      "person.attendance", "source police", "indicator gang_sibling of a linked person",
    ])
  for input in inputs { #expect(MissingInput(attribute: input.attribute) == input) }
}

@Test func verdictsAndDecisionsConvertBothWays() {
  let cases: [ProgrammeDecision] = [
    .eligible(priority: 3), .notEligible(condition: .condition(1)),
    .excluded(condition: .condition(2)),
    .notEvaluated(condition: .priority, missing: [.field("person.x")]),
    .failed(condition: .condition(0), message: "boom"), .notEligible(condition: .scope),
  ]
  for decision in cases {
    let missing = if case .notEvaluated(_, let m) = decision { m } else { [MissingInput]() }
    let message = if case .failed(_, let m) = decision { m } else { "" }
    #expect(
      kernel.decision(kernel.verdict(decision), missing: missing, message: message) == decision)
  }
}

@Test func noPriorityRanksByScore() {
  let plain = ProgrammeKernel(id: "q", capacity: nil)
  let result = plain.decide(
    inScope: true, score: 55, condition: { _ in (true, .ok) }, priority: { (0, .error) })
  #expect(result == .init(decision: .eligible, condition: nil, priority: 55))
}
