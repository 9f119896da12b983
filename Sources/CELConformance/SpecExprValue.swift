/// A binding's value (`cel.expr.ExprValue`): a value, an error or an unknown.
public enum SpecExprValue: Sendable, Equatable {
  case value(SpecValue)
  /// An error, by the messages of its `ErrorSet`.
  case error([String])
  /// An unknown, by the ids of its `UnknownSet`.
  case unknown([Int64])

  /// Decodes a `cel.expr.ExprValue` message, which must set exactly one kind.
  public init(_ message: TextProtoMessage) throws(TextProtoError) {
    try message.checkFields(["value", "error", "unknown"], of: "cel.expr.ExprValue")
    guard let field = message.fields.last else {
      throw TextProtoError("cel.expr.ExprValue sets no kind", at: message.location)
    }
    if let other = message.fields.first(where: { $0.name != field.name }) {
      throw TextProtoError(
        "'\(other.name)' and '\(field.name)' are alternative kinds of one cel.expr.ExprValue",
        at: field.location)
    }
    switch field.name {
    case "value": self = .value(try SpecValue(field.message()))
    case "error": self = .error(try ResultMatcher.errorMessages(field.message()))
    default: self = .unknown(try ResultMatcher.unknownIDs(field.message()))
    }
  }
}
