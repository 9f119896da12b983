import SignpostRules

extension ScoreTable {
  /// The table of the reference evaluator's results.
  public init(results: [PersonResult], pack: CompiledPack) {
    self.init(
      count: results.count, indicators: pack.indicators.count,
      domains: pack.scoring.domains.count, programmes: pack.programmes.count)
    let bandIndex = Dictionary(
      pack.scoring.bands.enumerated().map { ($1.id, UInt8($0)) }, uniquingKeysWith: { a, _ in a })
    let kernels = ProgrammeKernel.all(pack)
    for (p, result) in results.enumerated() {
      for (i, outcome) in result.outcomes.enumerated() {
        let code: Outcome
        switch outcome {
        case .fired: code = .fired
        case .notFired: code = .notFired
        case .notEvaluated: code = .notEvaluated
        case .failed: code = .failed
        }
        outcomes[p * indicatorCount + i] = code.rawValue
      }
      for (d, points) in result.domainPoints.enumerated() {
        domainPoints[p * domainCount + d] = Int64(points)
      }
      scores[p] = Int32(result.score)
      bands[p] = bandIndex[result.band] ?? 0
      inScope[p] = result.inScope
      scopeUndecided[p] = result.scopeUndecided
      for (g, decision) in result.decisions.enumerated() {
        let verdict = kernels[g].verdict(decision)
        let slot = p * programmeCount + g
        decisions[slot] = verdict.decision.rawValue
        decidingCondition[slot] = verdict.conditionCode
        priorities[slot] = verdict.priority
      }
    }
  }
}
