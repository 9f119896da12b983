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
  public init(_ result: PersonResult, in run: ScoringRun) {
    let pack = run.pack
    id = result.id
    asOf = run.asOf
    inScope = result.inScope
    score = result.score
    band = result.band
    var fired: [FiredIndicator] = []
    var notEvaluated: [Missing] = []
    var failed: [(String, String)] = []
    var raw = [Int](repeating: 0, count: pack.scoring.domains.count)
    for (i, outcome) in result.outcomes.enumerated() {
      if case .notFired = outcome { continue }
      // The indicator alone, not its compiled programs: copying those costs more than the rest.
      let indicator = pack.indicators[i].indicator
      switch outcome {
      case .fired:
        raw[pack.indicators[i].domainIndex] += indicator.points
        fired.append(
          FiredIndicator(
            id: indicator.id, domain: indicator.domain, points: indicator.points,
            sentence: EvidenceFormatter.fill(
              indicator.description, names: indicator.evidence.map(\.name),
              values: result.evidence[i]),
            basis: indicator.basis))
      case .notEvaluated(let missing):
        notEvaluated.append(Missing(id: indicator.id, needs: missing))
      case .failed(let message):
        failed.append((indicator.id, message))
      case .notFired:
        break
      }
    }
    self.fired = fired
    self.notEvaluated = notEvaluated
    self.failed = failed
    domains = pack.scoring.domains.enumerated().map { d, domain in
      Domain(
        id: domain.id, name: domain.name, raw: raw[d], capped: result.domainPoints[d],
        cap: domain.cap)
    }
    programmes = pack.programmes.enumerated().map { p, compiled in
      let programme = compiled.programme
      let referral = run.referral(programme: programme.id, person: result.personIndex)
      let conditions = programme.eligibility + programme.exclusions
      func described(_ condition: DecidingCondition) -> String {
        switch condition {
        case .scope: "scope"
        case .condition(let k): conditions[k].description
        case .priority: "priority"
        }
      }
      func needs(_ missing: [MissingInput]) -> String {
        missing.map(\.attribute).joined(separator: ", ")
      }
      let status: ProgrammeStatus
      let reason: String
      switch result.decisions[p] {
      case .eligible:
        let total = run.referralCounts[programme.id] ?? 0
        status = referral?.status.programmeStatus ?? .notEligible
        reason =
          referral.map {
            "rank \($0.rank) of \(total) eligible"
              + (programme.capacity.map { "; \($0) places" } ?? "")
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
        id: programme.id, name: programme.name, status: status, reason: reason,
        route: programme.route)
    }
  }
}
