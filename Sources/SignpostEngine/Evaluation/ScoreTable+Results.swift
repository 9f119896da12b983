import SignpostRules

extension ScoreTable {
  /// The table of the reference evaluator's results.
  public init(results: [PersonResult], pack: CompiledPack) {
    let indicators = pack.indicators.count
    let domains = pack.scoring.domains.count
    let programmes = pack.programmes.count
    let bandIndex = Dictionary(
      pack.scoring.bands.enumerated().map { ($1.id, UInt8($0)) }, uniquingKeysWith: { a, _ in a })
    let kernels = ProgrammeKernel.all(pack)
    var outcomes: [UInt8] = []
    var points: [Int64] = []
    var decisions: [UInt8] = []
    var conditions: [UInt16] = []
    var eligible: [Int] = []
    var priorities: [Double] = []
    for (p, result) in results.enumerated() {
      for outcome in result.outcomes {
        let code: Outcome
        switch outcome {
        case .fired: code = .fired
        case .notFired: code = .notFired
        case .notEvaluated: code = .notEvaluated
        case .failed: code = .failed
        }
        outcomes.append(code.rawValue)
      }
      points += result.domainPoints.map(Int64.init)
      for (g, decision) in result.decisions.enumerated() {
        let verdict = kernels[g].verdict(decision)
        decisions.append(verdict.decision.rawValue)
        conditions.append(verdict.conditionCode)
        if verdict.decision == .eligible {
          eligible.append(p * programmes + g)
          priorities.append(verdict.priority)
        }
      }
    }
    self.init(
      indicators: indicators, domains: domains, programmes: programmes, outcomes: outcomes,
      domainPoints: DomainPoints(points, oneByte: DomainPoints.fitInOneByte(ScoringKernel(pack))),
      scores: results.map { UInt8($0.score) }, bands: results.map { bandIndex[$0.band] ?? 0 },
      inScope: results.map(\.inScope), scopeUndecided: results.map(\.scopeUndecided),
      decisions: decisions, decidingCondition: conditions,
      priorities: Priorities(slots: eligible, values: priorities))
  }
}
