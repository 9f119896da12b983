/// The functions and operators of the CEL standard library that Signpost supports.
enum StandardLibrary {
  static let functions: [String: CELFunction] = {
    var all: [String: CELFunction] = [:]
    for function in operators + comparisons + collections + strings + conversions + time
      + StringsExtension.functions
    {
      all[function.name] = function
    }
    return all
  }()

  private static let a = CELType.parameter("A")
  private static let b = CELType.parameter("B")

  static func unary(
    _ name: String, _ overloads: [CELOverload], _ body: @escaping @Sendable (CELValue) -> CELValue
  ) -> CELFunction {
    CELFunction(name, overloads: overloads, implementation: .unary(body))
  }

  static func binary(
    _ name: String, _ overloads: [CELOverload],
    _ body: @escaping @Sendable (CELValue, CELValue) -> CELValue
  ) -> CELFunction {
    CELFunction(name, overloads: overloads, implementation: .binary(body))
  }

  // MARK: Operators

  static let operators: [CELFunction] = [
    binary(
      CELOperators.add,
      [
        .init("add_int64", [.int, .int], .int), .init("add_uint64", [.uint, .uint], .uint),
        .init("add_double", [.double, .double], .double),
        .init("add_string", [.string, .string], .string),
        .init("add_bytes", [.bytes, .bytes], .bytes),
        .init("add_list", [.list(a), .list(a)], .list(a)),
        .init("add_timestamp_duration", [.timestamp, .duration], .timestamp),
        .init("add_duration_timestamp", [.duration, .timestamp], .timestamp),
        .init("add_duration_duration", [.duration, .duration], .duration),
      ], Arithmetic.add),
    binary(
      CELOperators.subtract,
      [
        .init("subtract_int64", [.int, .int], .int),
        .init("subtract_uint64", [.uint, .uint], .uint),
        .init("subtract_double", [.double, .double], .double),
        .init("subtract_timestamp_timestamp", [.timestamp, .timestamp], .duration),
        .init("subtract_timestamp_duration", [.timestamp, .duration], .timestamp),
        .init("subtract_duration_duration", [.duration, .duration], .duration),
      ], Arithmetic.subtract),
    binary(CELOperators.multiply, numeric("multiply"), Arithmetic.multiply),
    binary(CELOperators.divide, numeric("divide"), Arithmetic.divide),
    binary(
      CELOperators.modulo,
      [.init("modulo_int64", [.int, .int], .int), .init("modulo_uint64", [.uint, .uint], .uint)],
      Arithmetic.modulo),
    unary(
      CELOperators.negate,
      [.init("negate_int64", [.int], .int), .init("negate_double", [.double], .double)],
      Arithmetic.negate),
    unary(CELOperators.logicalNot, [.init("logical_not", [.bool], .bool)]) { v in
      if case .bool(let x) = v { return .bool(!x) }
      return CELValue.propagate(v) ?? CELValue.noSuchOverload(CELOperators.logicalNot, v)
    },
    // The logical operators and the conditional are planned specially (they are not strict);
    // these entries declare their types.
    binary(CELOperators.logicalAnd, [.init("logical_and", [.bool, .bool], .bool)]) { _, _ in .null
    },
    binary(CELOperators.logicalOr, [.init("logical_or", [.bool, .bool], .bool)]) { _, _ in .null },
    CELFunction(
      CELOperators.conditional, overloads: [.init("conditional", [.bool, a, a], a)],
      implementation: .ternary { _, _, _ in .null }),
    unary(CELOperators.notStrictlyFalse, [.init("not_strictly_false", [.bool], .bool)]) { v in
      if case .bool(let x) = v { return .bool(x) }
      return .bool(true)
    },
  ]

  private static func numeric(_ verb: String) -> [CELOverload] {
    [
      .init("\(verb)_int64", [.int, .int], .int), .init("\(verb)_uint64", [.uint, .uint], .uint),
      .init("\(verb)_double", [.double, .double], .double),
    ]
  }

  // MARK: Comparisons

  static let comparisons: [CELFunction] = {
    var functions = [
      binary(CELOperators.equals, [.init("equals", [a, a], .bool)], CELValue.celEquals),
      binary(CELOperators.notEquals, [.init("not_equals", [a, a], .bool)]) { x, y in
        if case .bool(let equal) = CELValue.celEquals(x, y) { return .bool(!equal) }
        return CELValue.celEquals(x, y)
      },
    ]
    let ordered: [(String, String, @Sendable (Int) -> Bool)] = [
      (CELOperators.less, "less", { $0 < 0 }),
      (CELOperators.lessEquals, "less_equals", { $0 <= 0 }),
      (CELOperators.greater, "greater", { $0 > 0 }),
      (CELOperators.greaterEquals, "greater_equals", { $0 >= 0 }),
    ]
    let numbers: [(String, CELType)] = [("int64", .int), ("uint64", .uint), ("double", .double)]
    for (name, verb, test) in ordered {
      var overloads: [CELOverload] = []
      for (typeName, type) in [
        ("bool", CELType.bool), ("string", .string), ("bytes", .bytes),
        ("timestamp", .timestamp), ("duration", .duration),
      ] {
        overloads.append(.init("\(verb)_\(typeName)", [type, type], .bool))
      }
      for (n1, t1) in numbers {
        for (n2, t2) in numbers {
          overloads.append(
            .init(n1 == n2 ? "\(verb)_\(n1)" : "\(verb)_\(n1)_\(n2)", [t1, t2], .bool))
        }
      }
      functions.append(
        binary(name, overloads) { x, y in
          if let absorbed = CELValue.propagate(x, y) { return absorbed }
          switch CELValue.compare(x, y, name) {
          case .failed(let error): return error
          case .ordered(let order): return .bool(order.map(test) ?? false)
          }
        })
    }
    return functions
  }()

  // MARK: Collections

  static let collections: [CELFunction] = [
    binary(
      CELOperators.in,
      [.init("in_list", [a, .list(a)], .bool), .init("in_map", [a, .map(a, b)], .bool)]
    ) { element, container in
      if let absorbed = CELValue.propagate(element, container) { return absorbed }
      switch container {
      case .list(let items): return .bool(items.contains { CELValue.isEqual($0, element) })
      case .map(let map): return .bool(map[element] != nil)
      default: return CELValue.noSuchOverload(CELOperators.in, element, container)
      }
    },
    binary(
      CELOperators.index,
      [.init("index_list", [.list(a), .int], a), .init("index_map", [.map(a, b), a], b)],
      Collections.index),
    CELFunction(
      "@mapInsert",
      overloads: [
        .init("map_insert_key_value", [.map(a, b), a, b], .map(a, b)),
        .init("map_insert_map", [.map(a, b), .map(a, b)], .map(a, b)),
      ], implementation: .nary(Collections.insert)),
    unary("size", sizeOverloads(receiver: false) + sizeOverloads(receiver: true)) { v in
      switch v {
      case .string(let s): return .int(Int64(s.unicodeScalars.count))
      case .bytes(let b): return .int(Int64(b.count))
      case .list(let l): return .int(Int64(l.count))
      case .map(let m): return .int(Int64(m.count))
      default: return CELValue.propagate(v) ?? CELValue.noSuchOverload("size", v)
      }
    },
  ]

  private static func sizeOverloads(receiver: Bool) -> [CELOverload] {
    let prefix = receiver ? "" : "size_"
    let suffix = receiver ? "_size" : ""
    return [
      .init("\(prefix)string\(suffix)", receiverStyle: receiver, [.string], .int),
      .init("\(prefix)bytes\(suffix)", receiverStyle: receiver, [.bytes], .int),
      .init("\(prefix)list\(suffix)", receiverStyle: receiver, [.list(a)], .int),
      .init("\(prefix)map\(suffix)", receiverStyle: receiver, [.map(a, b)], .int),
    ]
  }

  // MARK: Strings

  static let strings: [CELFunction] = [
    stringPredicate("contains") { $0.contains($1) },
    stringPredicate("startsWith") { $0.starts(with: $1) },
    stringPredicate("endsWith") { $0.reversed().starts(with: $1.reversed()) },
    binary(
      "matches",
      [
        .init("matches_string", receiverStyle: true, [.string, .string], .bool),
        .init("matches", [.string, .string], .bool),
      ], Strings.matches),
  ]

  private static func stringPredicate(
    _ name: String, _ test: @escaping @Sendable ([Unicode.Scalar], [Unicode.Scalar]) -> Bool
  ) -> CELFunction {
    binary(name, [.init("\(name)_string", receiverStyle: true, [.string, .string], .bool)]) {
      x, y in
      guard case .string(let s) = x, case .string(let t) = y else {
        return CELValue.propagate(x, y) ?? CELValue.noSuchOverload(name, x, y)
      }
      return .bool(test(Array(s.unicodeScalars), Array(t.unicodeScalars)))
    }
  }

  // MARK: Conversions

  static let conversions: [CELFunction] = [
    unary(
      "int",
      [
        .init("int64_to_int64", [.int], .int), .init("uint64_to_int64", [.uint], .int),
        .init("double_to_int64", [.double], .int), .init("string_to_int64", [.string], .int),
        .init("timestamp_to_int64", [.timestamp], .int),
      ], Conversions.toInt),
    unary(
      "uint",
      [
        .init("uint64_to_uint64", [.uint], .uint), .init("int64_to_uint64", [.int], .uint),
        .init("double_to_uint64", [.double], .uint), .init("string_to_uint64", [.string], .uint),
      ], Conversions.toUInt),
    unary(
      "double",
      [
        .init("double_to_double", [.double], .double), .init("int64_to_double", [.int], .double),
        .init("uint64_to_double", [.uint], .double),
        .init("string_to_double", [.string], .double),
      ], Conversions.toDouble),
    unary(
      "string",
      [
        .init("string_to_string", [.string], .string), .init("int64_to_string", [.int], .string),
        .init("uint64_to_string", [.uint], .string),
        .init("double_to_string", [.double], .string),
        .init("bool_to_string", [.bool], .string), .init("bytes_to_string", [.bytes], .string),
        .init("timestamp_to_string", [.timestamp], .string),
        .init("duration_to_string", [.duration], .string),
      ], Conversions.toString),
    unary(
      "bytes",
      [.init("bytes_to_bytes", [.bytes], .bytes), .init("string_to_bytes", [.string], .bytes)],
      Conversions.toBytes),
    unary(
      "bool",
      [.init("bool_to_bool", [.bool], .bool), .init("string_to_bool", [.string], .bool)],
      Conversions.toBool),
    unary("dyn", [.init("to_dyn", [a], .dyn)]) { $0 },
    unary("type", [.init("type", [a], .type(a))]) { v in
      CELValue.propagate(v) ?? .type(v.runtimeType)
    },
  ]
}
