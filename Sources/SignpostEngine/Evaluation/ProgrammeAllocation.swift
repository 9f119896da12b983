import Dispatch
import SignpostRules

/// Whether an eligible person gets a place, and how a listed person is listed.
public enum ReferralStatus: String, Sendable {
  case recommended
  case waitlisted
  /// Tied with others at the last place: the panel decides (the note says how many places).
  case tied
  /// Not offered a place but listed with the programme's note ("already open: inform the
  /// allocated worker").
  case listed

  /// The status as tests, explanations and summaries name it.
  public var programmeStatus: ProgrammeStatus {
    switch self {
    case .recommended: .recommended
    case .waitlisted: .waitlisted
    case .tied: .tied
    case .listed: .listed
    }
  }
}

/// A referral to a programme: recommended, waitlisted, tied at the last place, or listed.
public struct Referral: Sendable, Hashable {
  public var programme: String
  /// 1 for the highest priority; people tied at the last place share one rank; 0 for a
  /// listed person, who is not ranked.
  public var rank: Int
  public var personIndex: Int
  public var id: String
  public var score: Int
  public var status: ReferralStatus
  /// What the meeting should know: the places left for a tie, or a listed person's note.
  public var note: String = ""
}

/// Shares each programme's places out among its eligible, scored candidates, by the
/// programme's ``ProgrammeKernel``.
public enum ProgrammeAllocation {
  /// Allocates places from a score table; `ids` names each person. The programmes are
  /// placed in parallel, each from its own column of decisions; the referrals come in
  /// programme order.
  public static func allocate(_ table: ScoreTable, ids: [String], programmes: [ProgrammeKernel])
    -> [Referral]
  {
    let placed = SharedBuffer<[Referral]>(repeating: [], count: programmes.count)
    DispatchQueue.concurrentPerform(iterations: programmes.count) { g in
      placed[g] = place(programme: g, table, ids: ids, kernel: programmes[g])
    }
    return placed.array.flatMap { $0 }
  }

  /// One programme's referrals. Only an eligible or excluded decision can make a candidate, a
  /// listed person or a place holder, so only those people's verdicts are read.
  private static func place(
    programme g: Int, _ table: ScoreTable, ids: [String], kernel: ProgrammeKernel
  ) -> [Referral] {
    var candidates: [ProgrammeKernel.Candidate] = []
    var listed: [(ProgrammeKernel.Candidate, note: String)] = []
    var holders = 0
    let eligible = ScoreTable.Decision.eligible.rawValue
    let excluded = ScoreTable.Decision.excluded.rawValue
    let programmes = table.programmeCount
    table.decisions.withUnsafeBufferPointer { decisions in
      table.inScope.withUnsafeBufferPointer { inScope in
        for p in 0..<table.count {
          let decision = decisions[p * programmes + g]
          guard decision == eligible || decision == excluded, inScope[p] else { continue }
          let verdict = table.verdict(p, g)
          collect(
            verdict,
            ProgrammeKernel.Candidate(
              person: p, id: ids[p], priority: verdict.priority, score: Int(table.scores[p])),
            kernel, &candidates, &listed, &holders)
        }
      }
    }
    return kernel.place(candidates, holders: holders, listed: listed)
  }

  /// Sorts one person into candidates, listed people and place holders by their verdict.
  private static func collect(
    _ verdict: ProgrammeKernel.Verdict, _ candidate: @autoclosure () -> ProgrammeKernel.Candidate,
    _ kernel: ProgrammeKernel, _ candidates: inout [ProgrammeKernel.Candidate],
    _ listed: inout [(ProgrammeKernel.Candidate, note: String)], _ holders: inout Int
  ) {
    if verdict.decision == .eligible {
      candidates.append(candidate())
      return
    }
    switch kernel.exclusionOutcome(verdict) {
    case .listed:
      listed.append((candidate(), note: kernel.exclusionNote(verdict)))
    case .holdsPlace: holders += 1
    case .excluded, nil: break
    }
  }

  /// Allocates places among reference results (pack tests, small populations).
  public static func allocate(_ results: [PersonResult], programmes: [ProgrammeKernel])
    -> [Referral]
  {
    programmes.enumerated().flatMap { g, kernel in
      var candidates: [ProgrammeKernel.Candidate] = []
      var listed: [(ProgrammeKernel.Candidate, note: String)] = []
      var holders = 0
      for result in results where result.inScope {
        let verdict = kernel.verdict(result.decisions[g])
        let candidate = ProgrammeKernel.Candidate(
          person: result.personIndex, id: result.id, priority: verdict.priority,
          score: result.score)
        collect(verdict, candidate, kernel, &candidates, &listed, &holders)
      }
      return kernel.place(candidates, holders: holders, listed: listed)
    }
  }
}
