import SignpostRules
import SignpostSource

/// The outcome of running a pack's test cases.
public struct PackTestReport: Sendable {
  /// One case: its differences from what it expected, or its data errors.
  public struct CaseResult: Sendable {
    public var name: String
    public var file: SourceFile
    public var location: SourceLocation
    /// `what: expected …, actual …` lines; empty when the case passed.
    public var differences: [String]
    /// Problems with the case's own data (an unknown field, a malformed date).
    public var diagnostics: [Diagnostic]

    public var passed: Bool { differences.isEmpty && diagnostics.isEmpty }
  }

  public var cases: [CaseResult]
  /// Indicators that fire in no case.
  public var indicatorsNeverFired: [String]
  /// Indicators that are never evaluated as not firing (their "no" side is untested).
  public var indicatorsNeverNotFired: [String]
  /// Programmes that no case recommends.
  public var programmesNeverRecommended: [String]
  public var indicatorCount: Int
  public var programmeCount: Int

  public var passedCount: Int { cases.filter(\.passed).count }
  public var failedCount: Int { cases.count - passedCount }
  /// Whether every indicator fires somewhere and every programme is recommended somewhere.
  public var fullCoverage: Bool {
    indicatorsNeverFired.isEmpty && programmesNeverRecommended.isEmpty
  }
}

/// Runs the YAML test cases in a pack's `tests/` folder.
public enum PackTestRunner {
  public static func run(_ pack: CompiledPack) -> PackTestReport {
    var fired = Set<String>()
    var notFired = Set<String>()
    var recommended = Set<String>()
    var results: [PackTestReport.CaseResult] = []
    for testCase in pack.pack.tests {
      let (result, subject, statuses) = run(testCase, pack)
      results.append(result)
      if let subject {
        for (i, outcome) in subject.outcomes.enumerated() {
          let id = pack.indicators[i].indicator.id
          if outcome == .fired { fired.insert(id) }
          if outcome == .notFired { notFired.insert(id) }
        }
      }
      for (programme, status) in statuses where status == "recommended" {
        recommended.insert(programme)
      }
    }
    let indicatorIDs = pack.indicators.map(\.indicator.id)
    return PackTestReport(
      cases: results,
      indicatorsNeverFired: indicatorIDs.filter { !fired.contains($0) },
      indicatorsNeverNotFired: indicatorIDs.filter { !notFired.contains($0) },
      programmesNeverRecommended: pack.programmes.map(\.programme.id).filter {
        !recommended.contains($0)
      },
      indicatorCount: indicatorIDs.count, programmeCount: pack.programmes.count)
  }

  private static func run(_ testCase: PackTestCase, _ pack: CompiledPack) -> (
    PackTestReport.CaseResult, PersonResult?, [String: String]
  ) {
    let input = TestPopulation.build(testCase, pack)
    let subjectIndex = input.subject
    var result = PackTestReport.CaseResult(
      name: testCase.name, file: testCase.file, location: testCase.location,
      differences: input.differences, diagnostics: input.diagnostics)
    guard input.diagnostics.isEmpty else { return (result, nil, [:]) }
    let population = input.population

    let results = Evaluator(pack: pack, asOf: testCase.asOf).evaluate(population)
    let subject = results[subjectIndex]
    let referrals = ProgrammeAllocation.allocate(
      results, programmes: ProgrammeKernel.all(pack))
    var statuses: [String: String] = [:]
    for (p, programme) in pack.programmes.enumerated() {
      statuses[programme.programme.id] = status(
        subject.decisions[p],
        referral: referrals.first {
          $0.programme == programme.programme.id && $0.personIndex == subjectIndex
        })
    }
    result.differences += compare(testCase.expectation, subject, statuses, pack)
    return (result, subject, statuses)
  }

  /// The status word a test case names: `recommended`, `waitlisted`, `tied`, `listed`,
  /// `not_eligible`, `excluded`, `not_evaluated` or `failed`.
  static func status(_ decision: ProgrammeDecision, referral: Referral?) -> String {
    switch decision {
    case .eligible: referral?.status.rawValue ?? "not_eligible"
    case .notEligible: "not_eligible"
    case .excluded: referral?.status.rawValue ?? "excluded"
    case .notEvaluated: "not_evaluated"
    case .failed: "failed"
    }
  }

  static let statusWords = [
    "recommended", "waitlisted", "tied", "listed", "not_eligible", "excluded", "not_evaluated",
    "failed",
  ]

  private static func compare(
    _ expected: PackTestCase.Expectation, _ actual: PersonResult, _ statuses: [String: String],
    _ pack: CompiledPack
  ) -> [String] {
    var differences: [String] = []
    let ids = pack.indicators.map(\.indicator.id)
    let fired = ids.enumerated().filter { actual.outcomes[$0.offset] == .fired }.map(\.element)
    let notEvaluated = ids.enumerated().filter {
      if case .notEvaluated = actual.outcomes[$0.offset] { return true }
      return false
    }.map(\.element)
    for (i, outcome) in actual.outcomes.enumerated() {
      if case .failed(let message) = outcome {
        differences.append("indicator '\(ids[i])' failed: \(message)")
      }
    }
    if let exact = expected.fired, Set(exact) != Set(fired) {
      differences.append(setDifference("fired", expected: exact, actual: fired))
    }
    for id in expected.includes where !fired.contains(id) {
      differences.append("fired: expected to include '\(id)', actual \(list(fired))")
    }
    for id in expected.excludes where fired.contains(id) {
      differences.append("fired: expected not to include '\(id)', actual \(list(fired))")
    }
    if let exact = expected.notEvaluated, Set(exact) != Set(notEvaluated) {
      differences.append(setDifference("not evaluated", expected: exact, actual: notEvaluated))
    }
    if let scored = expected.scored, scored != actual.inScope {
      differences.append(
        "scored: expected \(scored ? "in" : "outside") the scored population, actual \(actual.inScope ? "in" : "outside")"
      )
    }
    if let score = expected.score, score != actual.score {
      differences.append(
        "score: expected \(score), actual \(actual.score) (domain points: \(domainSummary(actual, pack)))"
      )
    }
    if let band = expected.band, band != actual.band {
      differences.append("band: expected \(band), actual \(actual.band)")
    }
    for (programme, status) in expected.programmes.sorted(by: { $0.key < $1.key }) {
      let actualStatus = statuses[programme] ?? "no such programme"
      if actualStatus != status {
        var detail = ""
        if let p = pack.programmes.firstIndex(where: { $0.programme.id == programme }) {
          detail = " (\(describe(actual.decisions[p])))"
        }
        differences.append(
          "programme '\(programme)': expected \(status), actual \(actualStatus)\(detail)")
      }
    }
    return differences
  }

  static func describe(_ decision: ProgrammeDecision) -> String {
    switch decision {
    case .eligible(let priority): "eligible with priority \(priority)"
    case .notEligible(let condition): "condition '\(condition)' does not hold"
    case .excluded(let condition): "excluded by '\(condition)'"
    case .notEvaluated(let condition, let missing):
      "'\(condition)' not evaluated: missing \(missing.joined(separator: ", "))"
    case .failed(let condition, let message): "'\(condition)' failed: \(message)"
    }
  }

  private static func domainSummary(_ result: PersonResult, _ pack: CompiledPack) -> String {
    zip(pack.scoring.domains, result.domainPoints).filter { $0.1 != 0 }
      .map { "\($0.0.id) \($0.1)" }.joined(separator: ", ")
  }

  private static func list(_ items: [String]) -> String {
    "[" + items.joined(separator: ", ") + "]"
  }

  private static func setDifference(_ what: String, expected: [String], actual: [String]) -> String
  {
    let missing = expected.filter { !actual.contains($0) }
    let extra = actual.filter { !expected.contains($0) }
    var text = "\(what): expected \(list(expected.sorted())), actual \(list(actual.sorted()))"
    var notes: [String] = []
    if !missing.isEmpty { notes.append("missing " + missing.joined(separator: ", ")) }
    if !extra.isEmpty { notes.append("unexpected " + extra.joined(separator: ", ")) }
    if !notes.isEmpty { text += " — " + notes.joined(separator: "; ") }
    return text
  }
}
