import SignpostCEL

extension SpecType {
  /// The type as a ``SignpostCEL/CELType``. Protobuf messages other than `Timestamp` and
  /// `Duration`, wrappers, `Any`, function types and abstract types are unsupported.
  public func celType() throws(ConversionError) -> CELType {
    switch self {
    case .dyn: return .dyn
    case .null: return .null
    case .primitive(let primitive): return primitive.celType
    case .wrapper(let primitive):
      throw .unsupported("needs protobuf message type \(primitive.wrapperName)")
    case .wellKnown(.timestamp): return .timestamp
    case .wellKnown(.duration): return .duration
    case .wellKnown(.any): throw .unsupported("needs protobuf message type google.protobuf.Any")
    case .list(let element): return .list(try element.celType())
    case .map(let key, let value): return .map(try key.celType(), try value.celType())
    case .function: throw .unsupported("uses a function type")
    case .message("google.protobuf.Timestamp"): return .timestamp
    case .message("google.protobuf.Duration"): return .duration
    case .message(let name): throw .unsupported("needs protobuf message type \(name)")
    case .typeParameter(let name): return .parameter(name)
    case .type(let type): return .type(try type.celType())
    case .error: return .error
    case .abstract(let name, _): throw .unsupported("needs abstract type \(name)")
    }
  }
}

extension SpecType.Primitive {
  var celType: CELType {
    switch self {
    case .bool: .bool
    case .int64: .int
    case .uint64: .uint
    case .double: .double
    case .string: .string
    case .bytes: .bytes
    }
  }

  /// The protobuf wrapper message of the primitive, such as `google.protobuf.Int64Value`.
  var wrapperName: String {
    switch self {
    case .bool: "google.protobuf.BoolValue"
    case .int64: "google.protobuf.Int64Value"
    case .uint64: "google.protobuf.UInt64Value"
    case .double: "google.protobuf.DoubleValue"
    case .string: "google.protobuf.StringValue"
    case .bytes: "google.protobuf.BytesValue"
    }
  }
}
