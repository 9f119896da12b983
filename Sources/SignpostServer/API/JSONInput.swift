import Foundation
import HTTPTypes

/// A JSON request body as it was written, before it is checked against what the route
/// expects: so that an unknown field, a wrong type or an unknown value can be named.
public enum JSONInput: Sendable, Equatable, Decodable {
  case null
  case bool(Bool)
  /// A number written without a fraction or exponent that fits 64 bits.
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONInput])
  case object([String: JSONInput])

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int64.self) {
      self = .int(value)
    } else if let value = try? container.decode(Double.self) {
      self = .double(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONInput].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONInput].self))
    }
  }

  /// Parses a request body; the problem names no field, since the body is not JSON.
  public static func parse(_ data: Data) throws(APIProblem) -> JSONInput {
    do {
      return try JSONDecoder().decode(JSONInput.self, from: data)
    } catch {
      throw APIProblem(.badRequest, "the body is not valid JSON")
    }
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
