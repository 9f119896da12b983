import SignpostCEL

extension SpecValue {
  /// The value as a ``SignpostCEL/CELValue``: scalars, lists and maps directly, a type value
  /// by name, and `google.protobuf.Duration`/`Timestamp` messages as durations and
  /// timestamps. Other messages and protobuf enums are unsupported.
  public func celValue() throws(ConversionError) -> CELValue {
    switch self {
    case .null: return .null
    case .bool(let value): return .bool(value)
    case .int64(let value): return .int(value)
    case .uint64(let value): return .uint(value)
    case .double(let value): return .double(value)
    case .string(let value): return .string(value)
    case .bytes(let value): return .bytes(value)
    case .enumValue(let type, _): throw .unsupported("needs protobuf enum type \(type)")
    case .object(let any): return try Self.celValue(of: any)
    case .list(let values):
      var elements: [CELValue] = []
      for value in values { elements.append(try value.celValue()) }
      return .list(elements)
    case .map(let entries):
      var pairs: [(CELValue, CELValue)] = []
      for entry in entries { pairs.append((try entry.key.celValue(), try entry.value.celValue())) }
      switch CELMap.make(pairs) {
      case .success(let map): return .map(map)
      case .failure(let error): throw .invalid("map value: \(error.message)")
      }
    case .type(let name): return .type(try Self.celType(named: name))
    }
  }

  /// The CEL type a type value's name denotes.
  static func celType(named name: String) throws(ConversionError) -> CELType {
    if let type = typeNames[name] { return type }
    if name.contains(".") { throw .unsupported("needs protobuf message type \(name)") }
    throw .unsupported("type \(name) is outside the CEL subset")
  }

  /// The names `type(x)` reports, as `type_value` writes them.
  private static let typeNames: [String: CELType] = [
    "null_type": .null, "bool": .bool, "int": .int, "uint": .uint, "double": .double,
    "string": .string, "bytes": .bytes, "list": .list(.dyn), "map": .map(.dyn, .dyn),
    "type": .type(.dyn), "google.protobuf.Timestamp": .timestamp,
    "google.protobuf.Duration": .duration,
  ]

  /// A `google.protobuf.Duration` or `Timestamp` written as an expanded `Any`.
  private static func celValue(of any: SpecAny) throws(ConversionError) -> CELValue {
    let typeName = any.typeName
    guard typeName == "google.protobuf.Duration" || typeName == "google.protobuf.Timestamp"
    else {
      throw .unsupported("needs protobuf message type \(typeName)")
    }
    guard let message = any.message else {
      throw .unsupported("needs the binary protobuf encoding of \(typeName)")
    }
    let seconds: Int64
    let nanos: Int32
    do {
      try message.checkFields(["seconds", "nanos"], of: typeName)
      seconds = try message.field(named: "seconds")?.int64() ?? 0
      nanos = try message.field(named: "nanos")?.int32() ?? 0
    } catch {
      throw .invalid(error.description)
    }
    if typeName == "google.protobuf.Duration" {
      guard (seconds <= 0 && nanos <= 0) || (seconds >= 0 && nanos >= 0),
        let duration = CELDuration.normalised(seconds: seconds, nanos: Int64(nanos))
      else {
        throw .invalid("\(typeName) out of range: \(seconds)s \(nanos)ns")
      }
      return .duration(duration)
    }
    guard nanos >= 0, let timestamp = CELTimestamp.normalised(seconds: seconds, nanos: Int64(nanos))
    else {
      throw .invalid("\(typeName) out of range: \(seconds)s \(nanos)ns")
    }
    return .timestamp(timestamp)
  }
}

extension SpecExprValue {
  /// A binding's value: a value converts as ``SpecValue/celValue()`` does, an error becomes an
  /// error value; unknowns are unsupported.
  public func celValue() throws(ConversionError) -> CELValue {
    switch self {
    case .value(let value): return try value.celValue()
    case .error(let messages): return .error(CELError(messages.joined(separator: "; ")))
    case .unknown: throw .unsupported("unknowns need the partial-evaluation API")
    }
  }
}
