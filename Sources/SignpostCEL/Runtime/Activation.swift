/// The variable slots of one evaluation. The planner resolves every name to a slot, so the
/// evaluator never looks a name up; comprehension variables have slots of their own.
public final class Activation {
  public var slots: [CELValue]
  /// Called with each node's id and value when the program was planned as observed.
  public var observer: ((Int, CELValue) -> Void)?

  public init(slotCount: Int) {
    slots = Array(repeating: .null, count: slotCount)
  }
}

/// One planned node: evaluates against an activation.
typealias Evaluation = @Sendable (Activation) -> CELValue
