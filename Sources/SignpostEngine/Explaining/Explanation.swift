import SignpostCEL
import SignpostRules

/// Everything behind one person's result, in words: the fired indicators with the values
/// that fired them, the points per domain, what could not be evaluated, and each
/// programme's decision with the condition that decided it.
public struct Explanation: Sendable {
  public struct FiredIndicator: Sendable {
    public var id: String
    public var domain: String
    public var points: Int
    /// The description with its evidence values filled in.
    public var sentence: String
    public var basis: String
  }

  public struct Domain: Sendable {
    public var id: String
    public var name: String
    /// Points before and after the cap.
    public var raw: Int
    public var capped: Int
    public var cap: Int
  }

  public struct Missing: Sendable {
    public var id: String
    public var needs: [MissingInput]
  }

  public struct ProgrammeLine: Sendable {
    public var id: String
    public var name: String
    public var status: ProgrammeStatus
    public var reason: String
    public var route: String
  }

  public var id: String
  public var asOf: PackDate
  public var inScope: Bool
  public var score: Int
  public var band: String
  public var fired: [FiredIndicator]
  public var domains: [Domain]
  public var notEvaluated: [Missing]
  public var failed: [(id: String, message: String)]
  public var programmes: [ProgrammeLine]
}

// In an extension, so that the memberwise initializer stays (tests build explanations by hand).
extension Explanation {
  // The run is borrowed, and its pack's parts read in place
  // (`run.pack.indicators[i].indicator.id`), never bound to a local nor captured by a closure:
  // a copy of the run, the pack, an indicator or a programme retains and releases every one
  // of its fields, about 5% of a `POST /api/v1/score` request's CPU.
  public init(_ result: PersonResult, in run: borrowing ScoringRun) {
    id = result.id
    asOf = run.asOf
    inScope = result.inScope
    score = result.score
    band = result.band
    var fired: [FiredIndicator] = []
    var notEvaluated: [Missing] = []
    var failed: [(String, String)] = []
    var raw = [Int](repeating: 0, count: run.pack.scoring.domains.count)
    for (i, outcome) in result.outcomes.enumerated() {
      switch outcome {
      case .fired:
        raw[run.pack.indicators[i].domainIndex] += run.pack.indicators[i].indicator.points
        fired.append(
          FiredIndicator(
            id: run.pack.indicators[i].indicator.id,
            domain: run.pack.indicators[i].indicator.domain,
            points: run.pack.indicators[i].indicator.points,
            sentence: EvidenceFormatter.fill(
              run.pack.indicators[i].indicator.description,
              names: run.pack.indicators[i].indicator.evidence.lazy.map(\.name),
              values: result.evidence[i]),
            basis: run.pack.indicators[i].indicator.basis))
      case .notEvaluated(let missing):
        notEvaluated.append(Missing(id: run.pack.indicators[i].indicator.id, needs: missing))
      case .failed(let message):
        failed.append((run.pack.indicators[i].indicator.id, message))
      case .notFired:
        break
      }
    }
    self.fired = fired
    self.notEvaluated = notEvaluated
    self.failed = failed
    domains = []
    for d in run.pack.scoring.domains.indices {
      domains.append(
        Domain(
          id: run.pack.scoring.domains[d].id, name: run.pack.scoring.domains[d].name,
          raw: raw[d], capped: result.domainPoints[d], cap: run.pack.scoring.domains[d].cap))
    }
    programmes = []
    for p in run.pack.programmes.indices {
      programmes.append(Self.programmeLine(p, result, in: run))
    }
  }

  /// Programme `p`'s line: its decision for the result's person, with the condition that
  /// decided it.
  private static func programmeLine(_ p: Int, _ result: PersonResult, in run: ScoringRun)
    -> ProgrammeLine
  {
    let id = run.pack.programmes[p].programme.id
    let referral = run.referral(programme: id, person: result.personIndex)
    // Eligibility conditions, then exclusions, as the decision numbers them.
    func described(_ condition: DecidingCondition) -> String {
      switch condition {
      case .scope: return "scope"
      case .condition(let k):
        let eligibility = run.pack.programmes[p].programme.eligibility.count
        return k < eligibility
          ? run.pack.programmes[p].programme.eligibility[k].description
          : run.pack.programmes[p].programme.exclusions[k - eligibility].description
      case .priority: return "priority"
      }
    }
    func needs(_ missing: [MissingInput]) -> String {
      missing.map(\.attribute).joined(separator: ", ")
    }
    let status: ProgrammeStatus
    let reason: String
    switch result.decisions[p] {
    case .eligible:
      let total = run.referralCounts[id] ?? 0
      status = referral?.status.programmeStatus ?? .notEligible
      reason =
        referral.map {
          "rank \($0.rank) of \(total) eligible"
            + (run.pack.programmes[p].programme.capacity.map { "; \($0) places" } ?? "")
            + ($0.note.isEmpty ? "" : "; \($0.note)")
        } ?? ""
    case .excluded(let condition) where referral?.status == .listed:
      status = .listed
      reason = "\(described(condition)): \(referral?.note ?? "")"
    case .notEligible(.scope):
      status = .outOfScope
      reason = "not in the population this pack scores"
    case .notEligible(let condition):
      status = .notEligible
      reason = "not met: \(described(condition))"
    case .excluded(let condition):
      status = .excluded
      reason = "excluded: \(described(condition))"
    case .notEvaluated(.scope, let missing):
      status = .undecided
      reason =
        "not scored: cannot decide whether the pack scores this person without "
        + needs(missing)
    case .notEvaluated(let condition, let missing):
      status = .notEvaluated
      reason = "cannot decide \"\(described(condition))\" without \(needs(missing))"
    case .failed(let condition, let message):
      status = .failed
      reason = "\(described(condition)) failed: \(message)"
    }
    return ProgrammeLine(
      id: id, name: run.pack.programmes[p].programme.name, status: status, reason: reason,
      route: run.pack.programmes[p].programme.route)
  }
}
