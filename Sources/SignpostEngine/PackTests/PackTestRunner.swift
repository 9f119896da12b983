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
      for (programme, status) in statuses where status == .recommended {
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
    PackTestReport.CaseResult, PersonResult?, [String: ProgrammeStatus]
  ) {
    let input = TestPopulation.build(testCase, pack)
    let subjectIndex = input.subject
    var result = PackTestReport.CaseResult(
      name: testCase.name, file: testCase.file, location: testCase.location,
      differences: input.differences, diagnostics: input.diagnostics)
    guard input.diagnostics.isEmpty else { return (result, nil, [:]) }
    let population = input.population

    // The production engine decides; the reference evaluator supplies the reasons (missing
    // data, failure messages) and must agree with it.
    let table = FastEvaluator(pack: pack, population: population, asOf: testCase.asOf).evaluate()
    let results = Evaluator(pack: pack, asOf: testCase.asOf).evaluate(population)
    let disagreements = table.differences(
      from: ScoreTable(results: results, pack: pack), ids: population.ids)
    let subject = production(table, subjectIndex, reasons: results[subjectIndex], pack)
    let referrals = ProgrammeAllocation.allocate(
      table, ids: population.ids, programmes: ProgrammeKernel.all(pack))
    var statuses: [String: ProgrammeStatus] = [:]
    for (p, programme) in pack.programmes.enumerated() {
      statuses[programme.programme.id] = status(
        table.decision(subjectIndex, p),
        referral: referrals.first {
          $0.programme == programme.programme.id && $0.personIndex == subjectIndex
        })
    }
    result.differences +=
      disagreements.map { "engines disagree: \($0) (fast vs reference)" }
      + compare(testCase.expectation, subject, statuses, pack)
    return (result, subject, statuses)
  }

  /// A person's result as the production engine computed it, with the reference
  /// evaluator's reasons (missing data, messages, evidence) where the two agree.
  private static func production(
    _ table: ScoreTable, _ p: Int, reasons: PersonResult, _ pack: CompiledPack
  ) -> PersonResult {
    var result = reasons
    result.outcomes = reasons.outcomes.indices.map { i in
      let reason = reasons.outcomes[i]
      switch (table.outcome(p, i), reason) {
      case (.fired, _): return .fired
      case (.notFired, _): return .notFired
      case (.notEvaluated, .notEvaluated), (.failed, .failed): return reason
      case (.notEvaluated, _): return .notEvaluated(missing: [])
      case (.failed, _): return .failed("failed on the production engine")
      }
    }
    let domains = table.domainCount
    result.domainPoints = (0..<domains).map { Int(table.domainPoints[p * domains + $0]) }
    result.score = Int(table.scores[p])
    result.band = pack.scoring.bands[Int(table.bands[p])].id
    result.inScope = table.inScope[p]
    result.scopeUndecided = table.scopeUndecided[p]
    result.decisions = ProgrammeKernel.all(pack).enumerated().map { g, kernel in
      let verdict = table.verdict(p, g)
      let reason = reasons.decisions[g]
      return kernel.verdict(reason) == verdict
        ? reason : kernel.decision(verdict, missing: [], message: "on the production engine")
    }
    return result
  }

  /// The status a test case names, one of ``ProgrammeStatus/expectable``.
  static func status(_ decision: ScoreTable.Decision, referral: Referral?) -> ProgrammeStatus {
    switch decision {
    case .eligible: referral?.status.programmeStatus ?? .notEligible
    case .notEligible: .notEligible
    case .excluded: referral?.status.programmeStatus ?? .excluded
    case .notEvaluated: .notEvaluated
    case .failed: .failed
    }
  }

  private static func compare(
    _ expected: PackTestCase.Expectation, _ actual: PersonResult,
    _ statuses: [String: ProgrammeStatus], _ pack: CompiledPack
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
      let actualStatus = statuses[programme]
      if actualStatus != status {
        var detail = ""
        if let p = pack.programmes.firstIndex(where: { $0.programme.id == programme }) {
          detail = " (\(describe(actual.decisions[p], ProgrammeKernel(pack.programmes[p]))))"
        }
        differences.append(
          "programme '\(programme)': expected \(status.rawValue), actual "
            + "\(actualStatus?.rawValue ?? "no such programme")\(detail)")
      }
    }
    return differences
  }

  static func describe(_ decision: ProgrammeDecision, _ kernel: ProgrammeKernel) -> String {
    switch decision {
    case .eligible(let priority): "eligible with priority \(priority)"
    case .notEligible(let condition): "condition '\(kernel.conditionName(condition))' does not hold"
    case .excluded(let condition): "excluded by '\(kernel.conditionName(condition))'"
    case .notEvaluated(let condition, let missing):
      "'\(kernel.conditionName(condition))' not evaluated: missing "
        + missing.map(\.attribute).joined(separator: ", ")
    case .failed(let condition, let message):
      "'\(kernel.conditionName(condition))' failed: \(message)"
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
