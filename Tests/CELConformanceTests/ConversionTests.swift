import CELConformance
import SignpostCEL
import Testing

@Suite("Conversion to CEL values and types")
struct ConversionTests {
  private func converted(_ value: SpecValue) throws -> CELValue {
    try value.celValue()
  }

  @Test func scalars() throws {
    #expect(ValueComparison.matches(try converted(.null), .null))
    #expect(ValueComparison.matches(try converted(.bool(true)), .bool(true)))
    #expect(ValueComparison.matches(try converted(.int64(-3)), .int(-3)))
    #expect(ValueComparison.matches(try converted(.uint64(3)), .uint(3)))
    #expect(ValueComparison.matches(try converted(.double(0.5)), .double(0.5)))
    #expect(ValueComparison.matches(try converted(.string("é")), .string("é")))
    #expect(ValueComparison.matches(try converted(.bytes([0, 255])), .bytes([0, 255])))
  }

  @Test func listsAndMaps() throws {
    let list = try converted(.list([.int64(1), .list([])]))
    #expect(ValueComparison.matches(list, .list([.int(1), .list([])])))
    let map = try converted(
      .map([
        SpecMapEntry(key: .string("a"), value: .int64(1)),
        SpecMapEntry(key: .uint64(2), value: .null),
      ]))
    guard case .map(let entries) = map else {
      Issue.record("expected a map, got \(map)")
      return
    }
    #expect(entries.count == 2)
    #expect(entries[.string("a")].map { ValueComparison.matches($0, .int(1)) } == true)
    #expect(entries[.int(2)].map { ValueComparison.matches($0, .null) } == true)
  }

  @Test func repeatedMapKeysAreInvalid() {
    #expect(throws: ConversionError.invalid("map value: Failed with repeated key")) {
      try converted(
        .map([
          SpecMapEntry(key: .int64(1), value: .null), SpecMapEntry(key: .uint64(1), value: .null),
        ]))
    }
  }

  @Test(arguments: [
    ("int", CELType.int), ("uint", .uint), ("double", .double), ("bool", .bool),
    ("string", .string), ("bytes", .bytes), ("null_type", .null), ("list", .list(.dyn)),
    ("map", .map(.dyn, .dyn)), ("type", .type(.dyn)), ("google.protobuf.Timestamp", .timestamp),
    ("google.protobuf.Duration", .duration),
  ])
  func typeValues(name: String, type: CELType) throws {
    let value = try converted(.type(name))
    guard case .type(let converted) = value else {
      Issue.record("expected a type value, got \(value)")
      return
    }
    #expect(converted == type)
  }

  @Test func protobufTypeValuesAreUnsupported() {
    #expect(throws: ConversionError.unsupported("needs protobuf message type a.b.Message")) {
      try converted(.type("a.b.Message"))
    }
  }

  @Test func durationsAndTimestamps() throws {
    func object(_ type: String, _ fields: String) throws -> CELValue {
      try converted(
        .object(SpecAny(typeURL: "type.googleapis.com/\(type)", message: TextProto.parse(fields))))
    }
    let duration = try object("google.protobuf.Duration", "seconds: 123 nanos: 321456789")
    #expect(
      ValueComparison.matches(duration, .duration(CELDuration(seconds: 123, nanos: 321_456_789))))
    let timestamp = try object("google.protobuf.Timestamp", "seconds: 1234567890")
    #expect(ValueComparison.matches(timestamp, .timestamp(CELTimestamp(seconds: 1_234_567_890))))
    #expect(throws: ConversionError.self) {
      try object("google.protobuf.Duration", "seconds: 1 nanos: -1")
    }
    #expect(throws: ConversionError.self) {
      try object("google.protobuf.Timestamp", "seconds: 253402300800")
    }
  }

  @Test func otherMessagesAndEnumsAreUnsupported() {
    let wrapper = SpecAny(
      typeURL: "type.googleapis.com/google.protobuf.Int64Value",
      message: TextProtoMessage(fields: [], location: .init(line: 1, column: 1)))
    #expect(
      throws: ConversionError.unsupported("needs protobuf message type google.protobuf.Int64Value")
    ) {
      try converted(.object(wrapper))
    }
    #expect(throws: ConversionError.unsupported("needs protobuf enum type a.E")) {
      try converted(.list([.enumValue(type: "a.E", value: 1)]))
    }
  }

  @Test func bindings() throws {
    let error = try SpecExprValue.error(["a", "b"]).celValue()
    guard case .error(let celError) = error else {
      Issue.record("expected an error value, got \(error)")
      return
    }
    #expect(celError.message == "a; b")
    #expect(throws: ConversionError.unsupported("unknowns need the partial-evaluation API")) {
      try SpecExprValue.unknown([1]).celValue()
    }
  }

  @Test func types() throws {
    #expect(try SpecType.primitive(.int64).celType() == .int)
    #expect(
      try SpecType.map(key: .primitive(.string), value: .dyn).celType() == .map(.string, .dyn))
    #expect(try SpecType.list(.wellKnown(.duration)).celType() == .list(.duration))
    #expect(try SpecType.message("google.protobuf.Timestamp").celType() == .timestamp)
    #expect(try SpecType.type(.null).celType() == .type(.null))
    #expect(try SpecType.typeParameter("T").celType() == .parameter("T"))
    #expect(
      throws: ConversionError.unsupported("needs protobuf message type google.protobuf.BoolValue")
    ) {
      try SpecType.wrapper(.bool).celType()
    }
    #expect(throws: ConversionError.unsupported("needs protobuf message type a.B")) {
      try SpecType.list(.message("a.B")).celType()
    }
    #expect(throws: ConversionError.unsupported("needs abstract type optional_type")) {
      try SpecType.abstract(name: "optional_type", parameters: []).celType()
    }
  }
}
