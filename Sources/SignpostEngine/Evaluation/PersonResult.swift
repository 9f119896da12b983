import SignpostCEL

/// What an indicator came to for one person.
public enum IndicatorOutcome: Sendable, Hashable {
  case fired
  case notFired
  /// Data it needs is missing; `missing` says which.
  case notEvaluated(missing: [MissingInput])
  /// The expression failed at run time (a rule bug, such as dividing by zero).
  case failed(String)

  init(_ value: CELValue) {
    switch value {
    case .bool(true): self = .fired
    case .bool(false): self = .notFired
    case .unknown(let unknown): self = .notEvaluated(missing: MissingInput.all(in: unknown))
    case .error(let error): self = .failed(error.message)
    default: self = .failed("expected true or false, found \(value.debugText)")
    }
  }

  /// The outcome as other expressions read it.
  func value(named id: String) -> CELValue {
    switch self {
    case .fired: .bool(true)
    case .notFired: .bool(false)
    case .notEvaluated(let missing): .unknown(CELUnknown(Set(missing.map(\.attribute))))
    case .failed(let message): .error(CELError("indicator '\(id)' failed: \(message)"))
    }
  }
}

/// Why a person is or is not a candidate for a programme.
public enum ProgrammeDecision: Sendable, Hashable {
  /// Meets every condition; `priority` ranks the candidates.
  case eligible(priority: Double)
  /// The first eligibility condition that does not hold, or the scope.
  case notEligible(condition: DecidingCondition)
  /// The first exclusion that applies.
  case excluded(condition: DecidingCondition)
  /// A condition (or the scope, or the priority) could not be decided for want of data.
  case notEvaluated(condition: DecidingCondition, missing: [MissingInput])
  /// A condition (or the scope, or the priority) failed at run time.
  case failed(condition: DecidingCondition, message: String)
}

/// One person's results before programme places are allocated.
public struct PersonResult: Sendable {
  public var personIndex: Int
  public var id: String
  /// Whether the person is scored; others are context for network rules only.
  public var inScope: Bool
  /// Whether the scope could not be decided for want of data (no date of birth): such a
  /// person is not scored or referred, and the run summary counts them as undecided.
  public var scopeUndecided: Bool = false
  /// Outcomes in pack order.
  public var outcomes: [IndicatorOutcome]
  /// Evidence values of each indicator, in declaration order (kept for fired indicators).
  public var evidence: [[CELValue]]
  /// Points per scoring domain, after the domain's cap.
  public var domainPoints: [Int]
  public var score: Int
  public var band: String
  /// Decisions in pack programme order.
  public var decisions: [ProgrammeDecision]
}
