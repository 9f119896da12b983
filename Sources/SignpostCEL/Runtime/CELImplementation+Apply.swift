extension CELImplementation {
  /// Calls the implementation strictly, as the planner does: an error or unknown among the
  /// arguments is the result (unknowns merged, over errors); otherwise the implementation's
  /// value. Engines that compute the arguments themselves call functions through this.
  public func apply(_ arguments: [CELValue], name: String) -> CELValue {
    if let absorbed = CELValue.propagate(arguments) { return absorbed }
    switch (self, arguments.count) {
    case (.unary(let f), 1): return f(arguments[0])
    case (.binary(let f), 2): return f(arguments[0], arguments[1])
    case (.ternary(let f), 3): return f(arguments[0], arguments[1], arguments[2])
    case (.nary(let f), _): return f(arguments)
    default:
      return .error(CELError("no such overload: \(name) with \(arguments.count) arguments"))
    }
  }
}
