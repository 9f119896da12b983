/// A JSON request body as it was written, before it is checked against what the route
/// expects: so that an unknown field, a wrong type or an unknown value can be named.
public enum JSONInput: Sendable, Equatable {
  case null
  case bool(Bool)
  /// A whole number that fits 64 bits, however it is written (`100`, `1e2`).
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONInput])
  case object([String: JSONInput])

  /// Parses a request body (``JSONInputParser``); the problem names no field, since the body
  /// is not JSON.
  public static func parse(_ bytes: some Collection<UInt8>) throws(TriageError) -> JSONInput {
    func parsed(_ buffer: UnsafeBufferPointer<UInt8>) -> JSONInput? {
      try? JSONInputParser.parse(buffer)
    }
    guard
      let value = bytes.withContiguousStorageIfAvailable(parsed)
        ?? Array(bytes).withUnsafeBufferPointer(parsed)
    else { throw TriageError(.badRequest, "the body is not valid JSON") }
    return value
  }

  /// What the value is, for a message: `a string`, `a number`, `an object`.
  public var kindText: String {
    switch self {
    case .null: "null"
    case .bool: "true or false"
    case .int, .double: "a number"
    case .string: "a string"
    case .array: "a list"
    case .object: "an object"
    }
  }
}
