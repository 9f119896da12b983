import SignpostRules
import Testing

@testable import SignpostEngine

// `Explanation.text` is written into one string (no array of lines joined); these texts were
// produced by the earlier array-of-lines form and cover each of its branches.

private func explanation(
  inScope: Bool = true, score: Int = 40, fired: [Explanation.FiredIndicator] = [],
  domains: [Explanation.Domain] = [], notEvaluated: [Explanation.Missing] = [],
  failed: [(id: String, message: String)] = [], programmes: [Explanation.ProgrammeLine] = []
) -> Explanation {
  Explanation(
    id: "P-1 ü", asOf: PackDate(daysSinceEpoch: 20179), inScope: inScope, score: score,
    band: "medium", fired: fired, domains: domains, notEvaluated: notEvaluated, failed: failed,
    programmes: programmes)
}

private let everyStatus = ProgrammeStatus.allCases.map {
  Explanation.ProgrammeLine(
    id: $0.rawValue, name: "Prog \($0.rawValue)", status: $0,
    reason: $0 == .tied ? "" : "why \($0.rawValue)", route: "route-\($0.rawValue)")
}

@Test func anExplanationOutsideTheScopeIsTwoLines() {
  #expect(
    explanation(inScope: false, programmes: everyStatus).text == """
      Person P-1 ü, as of 2025-04-01
      Not scored: outside the population this pack scores.

      """)
}

@Test func anExplanationWithNothingFiredListsEveryProgrammeStatus() {
  #expect(
    explanation(score: 0, programmes: everyStatus).text == """
      Person P-1 ü, as of 2025-04-01
      Score 0 of 100, band medium.

      No indicator fired.

      Programmes:
        Prog eligible: eligible — why eligible
        Prog recommended: recommended — why recommended
          route: route-recommended
        Prog waitlisted: waitlisted — why waitlisted
          route: route-waitlisted
        Prog tied: tied
        Prog listed: listed — why listed
        Prog not_eligible: not eligible — why not_eligible
        Prog excluded: excluded — why excluded
        Prog not_evaluated: not evaluated — why not_evaluated
        Prog failed: failed — why failed
        Prog out_of_scope: out of scope — why out_of_scope
        Prog undecided: undecided — why undecided

      This is a recommendation; a person decides, and records the decision and why.

      """)
}

@Test func anExplanationWithCapsMissingDataAndFailuresShowsEachPart() {
  let text = explanation(
    score: 100,
    fired: [
      .init(id: "a", domain: "edu", points: 30, sentence: "absent 30%", basis: "DfE"),
      .init(id: "b", domain: "edu", points: 25, sentence: "excluded twice", basis: ""),
      .init(id: "c", domain: "home", points: -5, sentence: "settled", basis: ""),
      .init(id: "d", domain: "police", points: 80, sentence: "arrested", basis: "b"),
    ],
    domains: [
      .init(id: "edu", name: "Education", raw: 55, capped: 35, cap: 35),
      .init(id: "quiet", name: "Quiet", raw: 0, capped: 0, cap: 10),
      .init(id: "home", name: "Home", raw: -5, capped: -5, cap: 20),
      .init(id: "police", name: "Police", raw: 80, capped: 80, cap: 90),
    ],
    notEvaluated: [
      .init(id: "e", needs: [.field("person.attendance"), .source("police")]),
      .init(id: "f", needs: []),
    ],
    failed: [(id: "g", message: "division by zero")],
    programmes: [everyStatus[1]]
  ).text
  #expect(
    text == """
      Person P-1 ü, as of 2025-04-01
      Score 100 of 100, band medium.

      Why:
        Education: 35 points (55 before the cap of 35)
          +30  absent 30%  [a]
               basis: DfE
          +25  excluded twice  [b]
        Home: -5 points
          -5  settled  [c]
        Police: 80 points
          +80  arrested  [d]
               basis: b
        Total: Education 35 + Home -5 + Police 80 = 110, held to the 0-100 scale: 100

      Not evaluated for want of data:
        e: needs person.attendance, source police
        f: needs 

      Rules that failed (report to the rule author):
        g: division by zero

      Programmes:
        Prog recommended: recommended — why recommended
          route: route-recommended

      This is a recommendation; a person decides, and records the decision and why.

      """)
}

@Test func anExplanationWhoseTotalIsTheScoreAndNoProgrammesEndsPlainly() {
  #expect(
    explanation(
      score: 20,
      fired: [.init(id: "a", domain: "edu", points: 20, sentence: "s", basis: "")],
      domains: [.init(id: "edu", name: "Education", raw: 20, capped: 20, cap: 35)]
    ).text == """
      Person P-1 ü, as of 2025-04-01
      Score 20 of 100, band medium.

      Why:
        Education: 20 points
          +20  s  [a]
        Total: Education 20 = 20

      Programmes:

      This is a recommendation; a person decides, and records the decision and why.

      """)
}
