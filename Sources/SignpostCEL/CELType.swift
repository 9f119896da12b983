/// The static type of a CEL expression, as the checker infers it.
public indirect enum CELType: Sendable, Hashable, CustomStringConvertible {
  /// Any type; checked at run time.
  case dyn
  case null
  case bool
  case int
  case uint
  case double
  case string
  case bytes
  case timestamp
  case duration
  case list(CELType)
  case map(CELType, CELType)
  /// The type of a type value: `type(int)` is the type of `int`.
  case type(CELType)
  /// A record type the host provides (a person, an event), by name.
  case object(String)
  /// A closed set of string values declared by the host, by name; a string at run time.
  case enumeration(String)
  /// A type parameter in an overload signature.
  case parameter(String)
  /// The type of an expression that failed to check.
  case error

  public var description: String {
    switch self {
    case .dyn: "dyn"
    case .null: "null_type"
    case .bool: "bool"
    case .int: "int"
    case .uint: "uint"
    case .double: "double"
    case .string: "string"
    case .bytes: "bytes"
    case .timestamp: "google.protobuf.Timestamp"
    case .duration: "google.protobuf.Duration"
    case .list(let element): "list(\(element))"
    case .map(let key, let value): "map(\(key), \(value))"
    case .type(let inner): "type(\(inner))"
    case .object(let name): name
    case .enumeration(let name): name
    case .parameter(let name): name
    case .error: "*error*"
    }
  }

  /// The name `type(x)` reports at run time, as CEL spells it.
  public var runtimeName: String {
    switch self {
    case .list: "list"
    case .map: "map"
    case .type: "type"
    case .enumeration: "string"
    default: description
    }
  }
}
