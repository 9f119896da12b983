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
  let checked: CheckedExpression
  private let environment: CELEnvironment

  init(
    checked: CheckedExpression, environment: CELEnvironment, observed: Bool,
    part: Expr? = nil, locals: [String] = []
  ) {
    var planner = Planner(
      checked: checked, environment: environment, observed: observed, locals: locals)
    root = planner.plan(part ?? checked.parsed.root)
    type = checked.types.isEmpty ? .dyn : checked.types[(part ?? checked.parsed.root).id] ?? .dyn
    self.checked = checked
    self.environment = environment
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

  /// A program for one sub-expression of this one, so that an engine that evaluates the
  /// rest itself runs the part with this program's meaning. `locals` names the enclosing
  /// comprehension variables the part reads; they become variables with slots of their own.
  public func part(_ expr: Expr, locals: [String]) -> CELProgram {
    CELProgram(
      checked: checked, environment: environment, observed: false, part: expr, locals: locals)
  }

  /// The function a call names, as this program's environment declares it.
  public func function(named name: String) -> CELFunction? {
    environment.functions[name]
  }

  /// Evaluates against an activation whose variable slots the caller has filled.
  public func evaluate(_ activation: Activation) -> CELValue {
    root(activation)
  }
}
