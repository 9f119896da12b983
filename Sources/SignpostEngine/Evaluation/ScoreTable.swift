/// Everyone's results, stored compactly by column: indicator outcomes, capped domain points,
/// score, band, scope and each programme's decision. Both evaluators fill one; outputs,
/// summaries and the store read it.
///
/// At a million people every byte per person is a megabyte: scores are one byte (they are
/// clamped to 0–100), domain points take the narrowest width the pack's points and caps
/// allow (``DomainPoints``), and priorities are kept only for eligible decisions, the only
/// ones that have one (``Priorities``).
public struct ScoreTable: Sendable {
  /// An indicator's outcome, as one byte.
  public enum Outcome: UInt8, Sendable {
    case notFired = 0
    case fired = 1
    case notEvaluated = 2
    case failed = 3
  }

  /// A programme decision before places are allocated, as one byte.
  public enum Decision: UInt8, Sendable {
    case eligible = 0
    case notEligible = 1
    case excluded = 2
    case notEvaluated = 3
    case failed = 4
  }

  public let count: Int
  public let indicatorCount: Int
  public let domainCount: Int
  public let programmeCount: Int
  /// `person * indicatorCount + indicator`.
  public internal(set) var outcomes: [UInt8]
  /// `person * domainCount + domain`, after each domain's cap.
  public internal(set) var domainPoints: DomainPoints
  /// 0–100.
  public internal(set) var scores: [UInt8]
  /// Index into the pack's bands.
  public internal(set) var bands: [UInt8]
  public internal(set) var inScope: [Bool]
  public internal(set) var scopeUndecided: [Bool]
  /// `person * programmeCount + programme`.
  public internal(set) var decisions: [UInt8]
  /// The condition that decided a non-eligible decision, as ``DecidingCondition/code``.
  public internal(set) var decidingCondition: [UInt16]
  /// The ranking value of each eligible decision, by `person * programmeCount + programme`.
  public internal(set) var priorities: Priorities

  /// A table with every column given, each of its full length.
  init(
    indicators: Int, domains: Int, programmes: Int, outcomes: [UInt8],
    domainPoints: DomainPoints, scores: [UInt8], bands: [UInt8], inScope: [Bool],
    scopeUndecided: [Bool], decisions: [UInt8], decidingCondition: [UInt16],
    priorities: Priorities
  ) {
    count = scores.count
    indicatorCount = indicators
    domainCount = domains
    programmeCount = programmes
    self.outcomes = outcomes
    self.domainPoints = domainPoints
    self.scores = scores
    self.bands = bands
    self.inScope = inScope
    self.scopeUndecided = scopeUndecided
    self.decisions = decisions
    self.decidingCondition = decidingCondition
    self.priorities = priorities
  }

  public func outcome(_ person: Int, _ indicator: Int) -> Outcome {
    Outcome(rawValue: outcomes[person * indicatorCount + indicator]) ?? .failed
  }

  public func decision(_ person: Int, _ programme: Int) -> Decision {
    Decision(rawValue: decisions[person * programmeCount + programme]) ?? .failed
  }

  /// A person's decision for a programme, with the condition that decided it.
  public func verdict(_ person: Int, _ programme: Int) -> ProgrammeKernel.Verdict {
    let slot = person * programmeCount + programme
    let decision = decision(person, programme)
    return ProgrammeKernel.Verdict(
      decision: decision,
      condition: decision == .eligible ? nil : DecidingCondition(code: decidingCondition[slot]),
      priority: decision == .eligible ? priorities[slot] : 0)
  }

  /// The number of people in the scored population.
  public var scoredCount: Int { inScope.lazy.filter { $0 }.count }
}
