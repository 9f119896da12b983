/// What decided a person's programme decision when they are not simply eligible: the pack's
/// scope, one of the programme's conditions, or its priority expression.
public enum DecidingCondition: Sendable, Hashable {
  /// The pack's scope: the person is outside the scored population, or whether they are in it
  /// could not be decided.
  case scope
  /// Condition `k` of the programme: its eligibility conditions, then its exclusions, in pack
  /// order.
  case condition(Int)
  /// The programme's priority expression.
  case priority

  /// The code of ``scope`` in ``ScoreTable/decidingCondition``.
  static let scopeCode = UInt16.max
  /// The code of ``priority`` in ``ScoreTable/decidingCondition``.
  static let priorityCode = UInt16.max - 1

  /// The condition stored as `code` in a score table (the inverse of ``code``).
  public init(code: UInt16) {
    switch code {
    case Self.scopeCode: self = .scope
    case Self.priorityCode: self = .priority
    default: self = .condition(Int(code))
    }
  }

  /// The condition as a score table stores it: a condition's index, or a code above every
  /// index for the scope and the priority.
  public var code: UInt16 {
    switch self {
    case .scope: Self.scopeCode
    case .condition(let k): UInt16(k)
    case .priority: Self.priorityCode
    }
  }
}
