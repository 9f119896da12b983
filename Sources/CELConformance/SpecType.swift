/// A type as the conformance files write it (`cel.expr.Type`), before conversion to a
/// ``SignpostCEL/CELType``.
public indirect enum SpecType: Sendable, Equatable {
  case dyn
  case null
  case primitive(Primitive)
  /// A protobuf wrapper of a primitive, such as `google.protobuf.Int64Value`.
  case wrapper(Primitive)
  case wellKnown(WellKnown)
  case list(SpecType)
  case map(key: SpecType, value: SpecType)
  case function(result: SpecType, arguments: [SpecType])
  /// A protobuf message type, by full name.
  case message(String)
  case typeParameter(String)
  /// The type of a type value.
  case type(SpecType)
  case error
  case abstract(name: String, parameters: [SpecType])

  /// `cel.expr.Type.PrimitiveType`.
  public enum Primitive: Int32, Sendable, Equatable {
    case bool = 1
    case int64 = 2
    case uint64 = 3
    case double = 4
    case string = 5
    case bytes = 6

    static let names: [String: Int32] = [
      "PRIMITIVE_TYPE_UNSPECIFIED": 0, "BOOL": 1, "INT64": 2, "UINT64": 3, "DOUBLE": 4,
      "STRING": 5, "BYTES": 6,
    ]
  }

  /// `cel.expr.Type.WellKnownType`.
  public enum WellKnown: Int32, Sendable, Equatable {
    case any = 1
    case timestamp = 2
    case duration = 3

    static let names: [String: Int32] = [
      "WELL_KNOWN_TYPE_UNSPECIFIED": 0, "ANY": 1, "TIMESTAMP": 2, "DURATION": 3,
    ]
  }

  private static let kinds: Set<String> = [
    "dyn", "null", "primitive", "wrapper", "well_known", "list_type", "map_type", "function",
    "message_type", "type_param", "type", "error", "abstract_type",
  ]

  /// Decodes a `cel.expr.Type` message, which must set exactly one kind.
  public init(_ message: TextProtoMessage) throws(TextProtoError) {
    try message.checkFields(Self.kinds, of: "cel.expr.Type")
    guard let field = message.fields.last else {
      throw TextProtoError("cel.expr.Type sets no kind", at: message.location)
    }
    if let other = message.fields.first(where: { $0.name != field.name }) {
      throw TextProtoError(
        "'\(other.name)' and '\(field.name)' are alternative kinds of one cel.expr.Type",
        at: field.location)
    }
    switch field.name {
    case "dyn":
      _ = try field.message()
      self = .dyn
    case "null":
      _ = try field.enumValue(["NULL_VALUE": 0])
      self = .null
    case "primitive": self = .primitive(try Self.primitive(field))
    case "wrapper": self = .wrapper(try Self.primitive(field))
    case "well_known":
      guard let kind = WellKnown(rawValue: try field.enumValue(WellKnown.names)) else {
        throw TextProtoError("unspecified well-known type", at: field.location)
      }
      self = .wellKnown(kind)
    case "list_type":
      let body = try field.message()
      try body.checkFields(["elem_type"], of: "cel.expr.Type.ListType")
      self = .list(try Self.required("elem_type", in: body))
    case "map_type":
      let body = try field.message()
      try body.checkFields(["key_type", "value_type"], of: "cel.expr.Type.MapType")
      self = .map(
        key: try Self.required("key_type", in: body),
        value: try Self.required("value_type", in: body))
    case "function":
      let body = try field.message()
      try body.checkFields(["result_type", "arg_types"], of: "cel.expr.Type.FunctionType")
      var arguments: [SpecType] = []
      for argument in body.fields(named: "arg_types") {
        arguments.append(try SpecType(argument.message()))
      }
      self = .function(result: try Self.required("result_type", in: body), arguments: arguments)
    case "message_type": self = .message(try field.string())
    case "type_param": self = .typeParameter(try field.string())
    case "type": self = .type(try SpecType(field.message()))
    case "error":
      _ = try field.message()
      self = .error
    default:
      let body = try field.message()
      try body.checkFields(["name", "parameter_types"], of: "cel.expr.Type.AbstractType")
      var parameters: [SpecType] = []
      for parameter in body.fields(named: "parameter_types") {
        parameters.append(try SpecType(parameter.message()))
      }
      self = .abstract(name: try body.string("name"), parameters: parameters)
    }
  }

  private static func primitive(_ field: TextProtoField) throws(TextProtoError) -> Primitive {
    guard let primitive = Primitive(rawValue: try field.enumValue(Primitive.names)) else {
      throw TextProtoError("unspecified primitive type", at: field.location)
    }
    return primitive
  }

  private static func required(
    _ name: String, in message: TextProtoMessage
  ) throws(TextProtoError) -> SpecType {
    guard let body = try message.message(name) else {
      throw TextProtoError("missing '\(name)'", at: message.location)
    }
    return try SpecType(body)
  }
}
