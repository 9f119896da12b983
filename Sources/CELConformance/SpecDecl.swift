/// A declaration of a test's type environment (`cel.expr.Decl`).
public struct SpecDecl: Sendable, Equatable {
  /// The declared name, possibly qualified (`a.b.c`).
  public var name: String
  public var kind: Kind

  public enum Kind: Sendable, Equatable {
    /// A variable of the given type.
    case ident(SpecType)
    /// A constant of the given type (an `ident` with a `value`).
    case constant(SpecType)
    /// A function with overloads (which the runner does not need to read).
    case function
  }

  public init(name: String, kind: Kind) {
    self.name = name
    self.kind = kind
  }

  /// Decodes a `cel.expr.Decl` message.
  public init(_ message: TextProtoMessage) throws(TextProtoError) {
    try message.checkFields(["name", "ident", "function"], of: "cel.expr.Decl")
    name = try message.string("name")
    if let ident = try message.message("ident") {
      try ident.checkFields(["type", "value", "doc"], of: "cel.expr.Decl.IdentDecl")
      guard let type = try ident.message("type") else {
        throw TextProtoError("an ident declaration needs a type", at: ident.location)
      }
      kind = ident.has("value") ? .constant(try SpecType(type)) : .ident(try SpecType(type))
    } else if message.has("function") {
      _ = try message.message("function")
      kind = .function
    } else {
      throw TextProtoError("a declaration needs 'ident' or 'function'", at: message.location)
    }
  }
}
