/// The value of one text-format field, before a schema gives it a type.
public enum TextProtoValue: Sendable, Equatable {
  /// A string literal (adjacent literals concatenated), as the bytes its escapes spell;
  /// `string` fields convert it to text, `bytes` fields keep it as is.
  case bytes([UInt8])
  case number(TextProtoNumber)
  /// A bare identifier: an enum value name, `true`/`false`, or `inf`/`nan`.
  case identifier(String)
  case message(TextProtoMessage)
}
