/// A planned expression, ready to evaluate many times and from many threads.
public struct CELProgram: Sendable {
  /// The checked result type (`dyn` for an unchecked program).
  public let type: CELType
  /// The slot each declared variable is read from; fill them in an ``Activation``.
  public let variableSlots: [String: Int]
  /// The number of slots an activation for this program needs.
  public let slotCount: Int
  /// The parsed source, for explanations that show sub-expressions.
  public let expression: ParsedExpression
  /// The checked type of each node, by id (empty when unchecked).
  public let nodeTypes: [Int: CELType]
  private let root: Evaluation

  init(checked: CheckedExpression, environment: CELEnvironment, observed: Bool) {
    var planner = Planner(checked: checked, environment: environment, observed: observed)
    root = planner.planRoot()
    type = checked.types.isEmpty ? .dyn : checked.type
    variableSlots = planner.variableSlots
    slotCount = planner.slotCount
    expression = checked.parsed
    nodeTypes = checked.types
  }

  /// Evaluates with variables bound by name; an unbound variable evaluates to an error.
  public func evaluate(_ bindings: [String: CELValue] = [:]) -> CELValue {
    let activation = makeActivation()
    for (name, slot) in variableSlots {
      activation.slots[slot] =
        bindings[name] ?? .error(CELError("no such attribute: '\(name)' is not bound"))
    }
    return root(activation)
  }

  /// An activation with room for this program's slots, for callers that bind by slot.
  public func makeActivation() -> Activation {
    Activation(slotCount: slotCount)
  }

  /// Evaluates against an activation whose variable slots the caller has filled.
  public func evaluate(_ activation: Activation) -> CELValue {
    root(activation)
  }
}
