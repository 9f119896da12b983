/// A problem found in an expression, positioned by offset into its text; the environment
/// turns it into a ``Diagnostic`` at the file position the expression came from.
struct CELIssue: Error, Sendable {
  /// The catalogue of CEL diagnostic identifiers.
  enum Kind: String, Sendable {
    case syntax = "cel.syntax"
    case undeclared = "cel.undeclared-reference"
    case noOverload = "cel.no-matching-overload"
    case typeMismatch = "cel.type-mismatch"
    case unknownField = "cel.unknown-field"
    case unknownEnumValue = "cel.unknown-enum-value"
    case invalid = "cel.invalid"
  }

  var kind: Kind
  var message: String
  var offset: Int
  var length: Int
  var notes: [String]

  init(_ kind: Kind, _ message: String, at offset: Int, length: Int = 1, notes: [String] = []) {
    self.kind = kind
    self.message = message
    self.offset = offset
    self.length = length
    self.notes = notes
  }
}
