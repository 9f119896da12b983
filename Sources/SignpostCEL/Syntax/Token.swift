/// A lexical token of a CEL expression.
struct Token: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    case identifier(String)
    /// A field name in backticks (`` a.`b-c` ``), valid only after a dot.
    case quotedIdentifier(String)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    /// 9223372036854775808 without a `u`: valid only after a unary minus.
    case intMinMagnitude
    case string(String)
    case bytes([UInt8])
    case keyword(String)  // true false null in
    case reserved(String)
    case punctuation(String)
    case end
  }

  var kind: Kind
  /// Offset of the first character, in Unicode scalars from the start of the expression.
  var offset: Int
  /// Offset just past the last character.
  var endOffset: Int
}
