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

/// Shares each programme's places out among its eligible, scored candidates, by the
/// programme's ``ProgrammeKernel``.
public enum ProgrammeAllocation {
  /// Allocates places from a score table; `ids` names each person.
  public static func allocate(_ table: ScoreTable, ids: [String], programmes: [ProgrammeKernel])
    -> [Referral]
  {
    programmes.enumerated().flatMap { g, kernel in
      kernel.place(
        (0..<table.count).filter { p in table.inScope[p] && table.decision(p, g) == .eligible }
          .map { p in
            ProgrammeKernel.Candidate(
              person: p, id: ids[p], priority: table.priorities[p * table.programmeCount + g],
              score: Int(table.scores[p]))
          })
    }
  }

  /// Allocates places among reference results (pack tests, small populations).
  public static func allocate(_ results: [PersonResult], programmes: [ProgrammeKernel])
    -> [Referral]
  {
    programmes.enumerated().flatMap { g, kernel in
      kernel.place(
        results.compactMap { result in
          guard result.inScope, case .eligible(let priority) = result.decisions[g] else {
            return nil
          }
          return ProgrammeKernel.Candidate(
            person: result.personIndex, id: result.id, priority: priority, score: result.score)
        })
    }
  }
}
