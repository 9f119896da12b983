/// A `google.protobuf.Any`: a type URL and the message, either expanded in text format
/// (`[type.googleapis.com/google.protobuf.Duration] { seconds: 1 }`) or binary-encoded.
public struct SpecAny: Sendable, Equatable {
  public var typeURL: String
  /// The fields of an expanded message; `nil` when only the binary `value` was given.
  public var message: TextProtoMessage?
  /// The binary encoding from the `value` field, when not expanded.
  public var encoded: [UInt8]

  public init(typeURL: String, message: TextProtoMessage?, encoded: [UInt8] = []) {
    self.typeURL = typeURL
    self.message = message
    self.encoded = encoded
  }

  /// Decodes an `Any` message in either form.
  public init(_ any: TextProtoMessage) throws(TextProtoError) {
    if let expansion = any.fields.first(where: { $0.expansionTypeURL != nil }),
      let url = expansion.expansionTypeURL
    {
      guard any.fields.count == 1 else {
        throw TextProtoError(
          "an expanded google.protobuf.Any has exactly one field", at: expansion.location)
      }
      typeURL = url
      message = try expansion.message()
      encoded = []
    } else {
      try any.checkFields(["type_url", "value"], of: "google.protobuf.Any")
      typeURL = try any.string("type_url")
      message = nil
      encoded = try any.field(named: "value")?.bytes() ?? []
    }
  }

  /// The message type's full name: the type URL after its last `/`.
  public var typeName: String {
    typeURL.split(separator: "/").last.map(String.init) ?? typeURL
  }
}
