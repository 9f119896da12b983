/// Whether an eligible person gets a place.
public enum ReferralStatus: String, Sendable {
  case recommended
  case waitlisted
}

/// A recommended or waitlisted referral to a programme.
public struct Referral: Sendable, Hashable {
  public var programme: String
  /// 1 for the highest priority.
  public var rank: Int
  public var personIndex: Int
  public var id: String
  public var score: Int
  public var status: ReferralStatus
}

/// Shares each programme's places out in rank order: priority, then score (both highest
/// first), then person id, so that the same inputs always give the same list.
public enum ProgrammeAllocation {
  /// Allocates places from a score table; `ids` names each person.
  public static func allocate(
    _ table: ScoreTable, ids: [String], programmes: [(id: String, capacity: Int?)]
  ) -> [Referral] {
    var referrals: [Referral] = []
    for (g, programme) in programmes.enumerated() {
      var candidates: [Int] = []
      for p in 0..<table.count
      where table.inScope[p] && table.decision(p, g) == .eligible {
        candidates.append(p)
      }
      let priority = { (p: Int) in table.priorities[p * table.programmeCount + g] }
      candidates.sort { a, b in
        let (pa, pb) = (priority(a), priority(b))
        if pa != pb { return pa > pb }
        if table.scores[a] != table.scores[b] { return table.scores[a] > table.scores[b] }
        return ids[a] < ids[b]
      }
      for (rank, p) in candidates.enumerated() {
        let placed = programme.capacity.map { rank < $0 } ?? true
        referrals.append(
          Referral(
            programme: programme.id, rank: rank + 1, personIndex: p, id: ids[p],
            score: Int(table.scores[p]), status: placed ? .recommended : .waitlisted))
      }
    }
    return referrals
  }

  /// Allocates places among reference results (pack tests, small populations).
  public static func allocate(_ results: [PersonResult], programmes: [(id: String, capacity: Int?)])
    -> [Referral]
  {
    var table = ScoreTable(
      count: results.count, indicators: 0, domains: 0, programmes: programmes.count)
    for (p, result) in results.enumerated() {
      table.scores[p] = Int32(result.score)
      table.inScope[p] = result.inScope
      for (g, decision) in result.decisions.enumerated() {
        guard case .eligible(let priority) = decision else {
          table.decisions[p * programmes.count + g] = ScoreTable.Decision.notEligible.rawValue
          continue
        }
        table.priorities[p * programmes.count + g] = priority
      }
    }
    return allocate(table, ids: results.map(\.id), programmes: programmes).map { referral in
      var referral = referral
      referral.personIndex = results[referral.personIndex].personIndex
      return referral
    }
  }
}
