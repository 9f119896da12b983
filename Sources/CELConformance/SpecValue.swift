/// A value as the conformance files write it (`cel.expr.Value`), before conversion to a
/// ``SignpostCEL/CELValue``.
public indirect enum SpecValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int64(Int64)
  case uint64(UInt64)
  case double(Double)
  case string(String)
  case bytes([UInt8])
  /// A protobuf enum value: the enum's full name and the number.
  case enumValue(type: String, value: Int32)
  /// A protobuf message packed in an `Any`.
  case object(SpecAny)
  case map([SpecMapEntry])
  case list([SpecValue])
  /// A type value, by name: `int`, `list`, `google.protobuf.Timestamp`, ...
  case type(String)

  private static let kinds: Set<String> = [
    "null_value", "bool_value", "int64_value", "uint64_value", "double_value", "string_value",
    "bytes_value", "enum_value", "object_value", "map_value", "list_value", "type_value",
  ]

  /// Decodes a `cel.expr.Value` message, which must set exactly one kind.
  public init(_ message: TextProtoMessage) throws(TextProtoError) {
    try message.checkFields(Self.kinds, of: "cel.expr.Value")
    guard let field = message.fields.last else {
      throw TextProtoError("cel.expr.Value sets no kind", at: message.location)
    }
    if let other = message.fields.first(where: { $0.name != field.name }) {
      throw TextProtoError(
        "'\(other.name)' and '\(field.name)' are alternative kinds of one cel.expr.Value",
        at: field.location)
    }
    switch field.name {
    case "null_value":
      _ = try field.enumValue(["NULL_VALUE": 0])
      self = .null
    case "bool_value": self = .bool(try field.bool())
    case "int64_value": self = .int64(try field.int64())
    case "uint64_value": self = .uint64(try field.uint64())
    case "double_value": self = .double(try field.double())
    case "string_value": self = .string(try field.string())
    case "bytes_value": self = .bytes(try field.bytes())
    case "enum_value":
      let body = try field.message()
      try body.checkFields(["type", "value"], of: "cel.expr.EnumValue")
      self = .enumValue(
        type: try body.string("type"), value: try body.field(named: "value")?.int32() ?? 0)
    case "object_value": self = .object(try SpecAny(field.message()))
    case "map_value":
      let body = try field.message()
      try body.checkFields(["entries"], of: "cel.expr.MapValue")
      var entries: [SpecMapEntry] = []
      for entry in body.fields(named: "entries") {
        entries.append(try SpecMapEntry(entry.message()))
      }
      self = .map(entries)
    case "list_value":
      let body = try field.message()
      try body.checkFields(["values"], of: "cel.expr.ListValue")
      var values: [SpecValue] = []
      for value in body.fields(named: "values") {
        values.append(try SpecValue(value.message()))
      }
      self = .list(values)
    default: self = .type(try field.string())
    }
  }
}

/// An entry of a `cel.expr.MapValue`.
public struct SpecMapEntry: Sendable, Equatable {
  public var key: SpecValue
  public var value: SpecValue

  public init(key: SpecValue, value: SpecValue) {
    self.key = key
    self.value = value
  }

  /// Decodes a `cel.expr.MapValue.Entry` message; both key and value are required.
  public init(_ message: TextProtoMessage) throws(TextProtoError) {
    try message.checkFields(["key", "value"], of: "cel.expr.MapValue.Entry")
    guard let key = try message.message("key"), let value = try message.message("value") else {
      throw TextProtoError("a map entry needs a key and a value", at: message.location)
    }
    self.key = try SpecValue(key)
    self.value = try SpecValue(value)
  }
}
