import SignpostRules

extension ScoreTable {
  /// The table of the reference evaluator's results.
  public init(results: [PersonResult], pack: CompiledPack) {
    self.init(
      count: results.count, indicators: pack.indicators.count,
      domains: pack.scoring.domains.count, programmes: pack.programmes.count)
    let bandIndex = Dictionary(
      pack.scoring.bands.enumerated().map { ($1.id, UInt8($0)) }, uniquingKeysWith: { a, _ in a })
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
        domainPoints[p * domainCount + d] = Int32(points)
      }
      scores[p] = Int32(result.score)
      bands[p] = bandIndex[result.band] ?? 0
      inScope[p] = result.inScope
      scopeUndecided[p] = result.scopeUndecided
      for (g, decision) in result.decisions.enumerated() {
        let programme = pack.programmes[g].programme
        let conditions = (programme.eligibility + programme.exclusions).map(\.id)
        func index(_ condition: String) -> UInt16 {
          if condition == "scope" { return .max }
          if condition == "priority" { return UInt16(conditions.count) }
          return UInt16(conditions.firstIndex(of: condition) ?? conditions.count)
        }
        let slot = p * programmeCount + g
        switch decision {
        case .eligible(let priority):
          decisions[slot] = Decision.eligible.rawValue
          priorities[slot] = priority
        case .notEligible(let condition):
          decisions[slot] = Decision.notEligible.rawValue
          decidingCondition[slot] = index(condition)
        case .excluded(let condition):
          decisions[slot] = Decision.excluded.rawValue
          decidingCondition[slot] = index(condition)
        case .notEvaluated(let condition, _):
          decisions[slot] = Decision.notEvaluated.rawValue
          decidingCondition[slot] = index(condition)
        case .failed(let condition, _):
          decisions[slot] = Decision.failed.rawValue
          decidingCondition[slot] = index(condition)
        }
      }
    }
  }
}
