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
  public static func allocate(_ results: [PersonResult], programmes: [(id: String, capacity: Int?)])
    -> [Referral]
  {
    var referrals: [Referral] = []
    for (p, programme) in programmes.enumerated() {
      var candidates: [(result: PersonResult, priority: Double)] = []
      for result in results {
        if case .eligible(let priority) = result.decisions[p] {
          candidates.append((result, priority))
        }
      }
      candidates.sort { a, b in
        if a.priority != b.priority { return a.priority > b.priority }
        if a.result.score != b.result.score { return a.result.score > b.result.score }
        return a.result.id < b.result.id
      }
      for (rank, candidate) in candidates.enumerated() {
        let placed = programme.capacity.map { rank < $0 } ?? true
        referrals.append(
          Referral(
            programme: programme.id, rank: rank + 1, personIndex: candidate.result.personIndex,
            id: candidate.result.id, score: candidate.result.score,
            status: placed ? .recommended : .waitlisted))
      }
    }
    return referrals
  }
}
