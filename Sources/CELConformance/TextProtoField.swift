import SignpostSource

/// One field of a text-format message, with typed accessors that throw at the field's
/// location when the value does not have the requested type.
public struct TextProtoField: Sendable, Equatable {
  /// The field name; for an `Any` expansion, the type URL in brackets, as written:
  /// `[type.googleapis.com/google.protobuf.Duration]`.
  public var name: String
  public var value: TextProtoValue
  /// Where the field name starts.
  public var location: SourceLocation

  public init(name: String, value: TextProtoValue, location: SourceLocation) {
    self.name = name
    self.value = value
    self.location = location
  }

  /// The type URL of an `Any` expansion field, without the brackets, or `nil` for an
  /// ordinary field.
  public var expansionTypeURL: String? {
    guard name.hasPrefix("["), name.hasSuffix("]") else { return nil }
    return String(name.dropFirst().dropLast())
  }

  /// The value of a `string` field: a string literal that is valid UTF-8.
  public func string() throws(TextProtoError) -> String {
    let bytes = try self.bytes()
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw error("field '\(name)' is not valid UTF-8")
    }
    return text
  }

  /// The value of a `bytes` field: a string literal's bytes.
  public func bytes() throws(TextProtoError) -> [UInt8] {
    guard case .bytes(let bytes) = value else { throw error("field '\(name)' expects a string") }
    return bytes
  }

  /// The value of an `int64` (or `sint64`, `sfixed64`) field.
  public func int64() throws(TextProtoError) -> Int64 {
    guard case .number(let number) = value, let result = number.int64 else {
      throw error("field '\(name)' expects a 64-bit signed integer")
    }
    return result
  }

  /// The value of an `int32` field.
  public func int32() throws(TextProtoError) -> Int32 {
    guard let result = Int32(exactly: try int64()) else {
      throw error("field '\(name)' expects a 32-bit signed integer")
    }
    return result
  }

  /// The value of a `uint64` (or `fixed64`) field.
  public func uint64() throws(TextProtoError) -> UInt64 {
    guard case .number(let number) = value, let result = number.uint64 else {
      throw error("field '\(name)' expects a 64-bit unsigned integer")
    }
    return result
  }

  /// The value of a `double` or `float` field: any number, or `inf`, `infinity`, `nan`.
  public func double() throws(TextProtoError) -> Double {
    switch value {
    case .number(let number): return number.double
    case .identifier(let word):
      switch word.lowercased() {
      case "inf", "infinity": return .infinity
      case "nan": return .nan
      default: break
      }
    default: break
    }
    throw error("field '\(name)' expects a number")
  }

  /// The value of a `bool` field: `true`, `True`, `t`, `false`, `False`, `f`, `1` or `0`.
  public func bool() throws(TextProtoError) -> Bool {
    switch value {
    case .identifier("true"), .identifier("True"), .identifier("t"):
      return true
    case .identifier("false"), .identifier("False"), .identifier("f"):
      return false
    case .number(.integer(negative: false, magnitude: 1)):
      return true
    case .number(.integer(negative: _, magnitude: 0)):
      return false
    default: throw error("field '\(name)' expects true or false")
    }
  }

  /// The number of an enum field written as a value name from `names` or as a number.
  public func enumValue(_ names: [String: Int32]) throws(TextProtoError) -> Int32 {
    switch value {
    case .identifier(let word):
      guard let number = names[word] else {
        throw error("'\(word)' is not a value of the enum of field '\(name)'")
      }
      return number
    case .number: return try int32()
    default: throw error("field '\(name)' expects an enum value")
    }
  }

  /// The value of a message field.
  public func message() throws(TextProtoError) -> TextProtoMessage {
    guard case .message(let message) = value else {
      throw error("field '\(name)' expects a message")
    }
    return message
  }

  private func error(_ message: String) -> TextProtoError {
    TextProtoError(message, at: location)
  }
}
