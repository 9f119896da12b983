extension ScoreTable {
  /// Where another table of the same people differs from this one, one line per person and
  /// column, `person N: what this vs other`; empty when they agree byte for byte.
  public func differences(from other: ScoreTable, ids: [String], limit: Int = 20) -> [String] {
    guard count == other.count, indicatorCount == other.indicatorCount,
      domainCount == other.domainCount, programmeCount == other.programmeCount
    else { return ["the tables have different shapes"] }
    var lines: [String] = []
    func compare<T: Equatable>(_ what: String, _ a: [T], _ b: [T], width: Int) {
      for (k, (x, y)) in zip(a, b).enumerated() where x != y && lines.count < limit {
        let p = width == 0 ? k : k / width
        let column = width <= 1 ? "" : " #\(k % width)"
        lines.append("person \(ids[p]): \(what)\(column) \(x) vs \(y)")
      }
    }
    compare("outcome", outcomes, other.outcomes, width: indicatorCount)
    let slots = 0..<count * domainCount
    compare(
      "domain points", slots.map { domainPoints[$0] }, slots.map { other.domainPoints[$0] },
      width: domainCount)
    compare("score", scores, other.scores, width: 1)
    compare("band", bands, other.bands, width: 1)
    compare("in scope", inScope, other.inScope, width: 1)
    compare("scope undecided", scopeUndecided, other.scopeUndecided, width: 1)
    compare("decision", decisions, other.decisions, width: programmeCount)
    compare("deciding condition", decidingCondition, other.decidingCondition, width: programmeCount)
    let decided = 0..<count * programmeCount
    compare(
      "priority", decided.map { priorities[$0] }, decided.map { other.priorities[$0] },
      width: programmeCount)
    return lines
  }
}
