/// Everyone's results, stored compactly by column: indicator outcomes, capped domain points,
/// score, band, scope and each programme's decision. Both evaluators fill one; outputs,
/// summaries and the store read it.
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
  public internal(set) var domainPoints: [Int64]
  public internal(set) var scores: [Int32]
  /// Index into the pack's bands.
  public internal(set) var bands: [UInt8]
  public internal(set) var inScope: [Bool]
  public internal(set) var scopeUndecided: [Bool]
  /// `person * programmeCount + programme`.
  public internal(set) var decisions: [UInt8]
  /// The condition that decided a non-eligible decision, as ``DecidingCondition/code``.
  public internal(set) var decidingCondition: [UInt16]
  /// The ranking value of an eligible decision.
  public internal(set) var priorities: [Double]

  public init(count: Int, indicators: Int, domains: Int, programmes: Int) {
    self.count = count
    indicatorCount = indicators
    domainCount = domains
    programmeCount = programmes
    outcomes = [UInt8](repeating: 0, count: count * indicators)
    domainPoints = [Int64](repeating: 0, count: count * domains)
    scores = [Int32](repeating: 0, count: count)
    bands = [UInt8](repeating: 0, count: count)
    inScope = [Bool](repeating: true, count: count)
    scopeUndecided = [Bool](repeating: false, count: count)
    decisions = [UInt8](repeating: 0, count: count * programmes)
    decidingCondition = [UInt16](repeating: 0, count: count * programmes)
    priorities = [Double](repeating: 0, count: count * programmes)
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
      priority: priorities[slot])
  }

  /// The number of people in the scored population.
  public var scoredCount: Int { inScope.lazy.filter { $0 }.count }
}
