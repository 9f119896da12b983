/// A reader for the protobuf text format, without a schema.
///
/// It accepts what `protoc --decode` and the text-format printers produce: messages in
/// `{ }` or `< >`, fields written `name: value`, `name { ... }` or `name: { ... }`, the
/// short form `name: [a, b]` for repeated fields, string literals in either quote with
/// C-style escapes (adjacent literals are concatenated), decimal, hex and octal integers,
/// floats with exponents and `inf`/`nan`, enum identifiers, `Any` expansions
/// `[type.googleapis.com/pkg.Message] { ... }`, `#` comments, and optional `,`/`;`
/// separators. The result is a tree of ``TextProtoMessage``s; giving the fields their types
/// is the caller's job.
public enum TextProto {
  /// Parses a whole text-format document (the top-level message's fields).
  public static func parse(_ text: String) throws(TextProtoError) -> TextProtoMessage {
    try parse(bytes: Array(text.utf8))
  }

  /// Parses a whole text-format document from UTF-8 bytes.
  public static func parse(bytes: [UInt8]) throws(TextProtoError) -> TextProtoMessage {
    var parser = TextProtoParser(bytes)
    return try parser.parseDocument()
  }
}
