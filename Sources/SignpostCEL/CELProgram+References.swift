/// What the checker resolved a name to, for engines that compile checked programs further.
public enum CELReference: Sendable, Equatable {
  /// A declared variable, by its fully qualified name.
  case variable(String)
  /// A comprehension variable.
  case local(String)
  /// A type name used as a value (`int`, `list`).
  case type(CELType)
}

extension CELProgram {
  /// What the checker resolved the name at node `id` to; `nil` for a node that is not a
  /// name, or in an unchecked program.
  public func reference(at id: Int) -> CELReference? {
    switch checked.references[id] {
    case .variable(let name): .variable(name)
    case .local(let name): .local(name)
    case .type(let type): .type(type)
    case nil: nil
    }
  }

  /// The overload the checker chose for the call at node `id`: `nil` when the node is not a
  /// call, the program is unchecked, or more than one overload fits (a `dyn` operand).
  public func overload(at id: Int) -> String? {
    checked.overloads[id]
  }
}
