import SignpostSource

/// A message read from the protobuf text format: its fields in the order written.
///
/// Repeated fields appear once per element. Accessors look fields up by name; the schema
/// types (``SimpleTestFile`` and friends) use ``checkFields(_:of:)`` to reject misspelt
/// field names, so a typo in a test file is an error rather than a silently ignored field.
public struct TextProtoMessage: Sendable, Equatable {
  public var fields: [TextProtoField]
  /// Where the message starts: its opening brace, or the start of the document.
  public var location: SourceLocation

  public init(fields: [TextProtoField], location: SourceLocation) {
    self.fields = fields
    self.location = location
  }

  /// Every occurrence of the field `name`, in order.
  public func fields(named name: String) -> [TextProtoField] {
    fields.filter { $0.name == name }
  }

  /// The last occurrence of the field `name` (for a singular field, the last one wins).
  public func field(named name: String) -> TextProtoField? {
    fields.last { $0.name == name }
  }

  /// Whether the field `name` occurs at all.
  public func has(_ name: String) -> Bool {
    fields.contains { $0.name == name }
  }

  /// Throws at the first field whose name is not in `names`; `typeName` names the message
  /// type in the error.
  public func checkFields(_ names: Set<String>, of typeName: String) throws(TextProtoError) {
    for field in fields where !names.contains(field.name) {
      throw TextProtoError("unknown field '\(field.name)' in \(typeName)", at: field.location)
    }
  }

  /// The string value of the singular field `name`, or `""` when it is absent (proto3).
  public func string(_ name: String) throws(TextProtoError) -> String {
    try field(named: name)?.string() ?? ""
  }

  /// The boolean value of the singular field `name`, or `false` when it is absent.
  public func bool(_ name: String) throws(TextProtoError) -> Bool {
    try field(named: name)?.bool() ?? false
  }

  /// The message value of the singular field `name`, or `nil` when it is absent.
  public func message(_ name: String) throws(TextProtoError) -> TextProtoMessage? {
    try field(named: name)?.message()
  }
}
