/// Arithmetic with CEL's rules: integer overflow and division by zero are errors.
enum Arithmetic {
  static let overflow = CELValue.error(CELError("return error for overflow"))

  private static func checked<T: FixedWidthInteger>(
    _ result: (partialValue: T, overflow: Bool), _ wrap: (T) -> CELValue
  ) -> CELValue {
    result.overflow ? overflow : wrap(result.partialValue)
  }

  @Sendable static func add(_ x: CELValue, _ y: CELValue) -> CELValue {
    switch (x, y) {
    case (.int(let a), .int(let b)): return checked(a.addingReportingOverflow(b), CELValue.int)
    case (.uint(let a), .uint(let b)): return checked(a.addingReportingOverflow(b), CELValue.uint)
    case (.double(let a), .double(let b)): return .double(a + b)
    case (.string(let a), .string(let b)): return .string(a + b)
    case (.bytes(let a), .bytes(let b)): return .bytes(a + b)
    case (.list(let a), .list(let b)): return .list(a + b)
    case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
      return TimeFunctions.add(t, d)
    case (.duration(let a), .duration(let b)):
      let (s, o) = a.seconds.addingReportingOverflow(b.seconds)
      guard !o, let d = CELDuration.normalised(seconds: s, nanos: Int64(a.nanos) + Int64(b.nanos))
      else { return overflow }
      return .duration(d)
    default: return CELValue.propagate(x, y) ?? CELValue.noSuchOverload(CELOperators.add, x, y)
    }
  }

  @Sendable static func subtract(_ x: CELValue, _ y: CELValue) -> CELValue {
    switch (x, y) {
    case (.int(let a), .int(let b)):
      return checked(a.subtractingReportingOverflow(b), CELValue.int)
    case (.uint(let a), .uint(let b)):
      return checked(a.subtractingReportingOverflow(b), CELValue.uint)
    case (.double(let a), .double(let b)): return .double(a - b)
    case (.timestamp(let a), .timestamp(let b)):
      let (s, o) = a.seconds.subtractingReportingOverflow(b.seconds)
      guard !o, let d = CELDuration.normalised(seconds: s, nanos: Int64(a.nanos) - Int64(b.nanos))
      else { return overflow }
      return .duration(d)
    case (.timestamp(let t), .duration(let d)):
      return TimeFunctions.add(t, CELDuration(seconds: -d.seconds, nanos: -d.nanos))
    case (.duration(let a), .duration(let b)):
      let (s, o) = a.seconds.subtractingReportingOverflow(b.seconds)
      guard !o, let d = CELDuration.normalised(seconds: s, nanos: Int64(a.nanos) - Int64(b.nanos))
      else { return overflow }
      return .duration(d)
    default: return CELValue.propagate(x, y) ?? CELValue.noSuchOverload(CELOperators.subtract, x, y)
    }
  }

  @Sendable static func multiply(_ x: CELValue, _ y: CELValue) -> CELValue {
    switch (x, y) {
    case (.int(let a), .int(let b)):
      return checked(a.multipliedReportingOverflow(by: b), CELValue.int)
    case (.uint(let a), .uint(let b)):
      return checked(a.multipliedReportingOverflow(by: b), CELValue.uint)
    case (.double(let a), .double(let b)): return .double(a * b)
    default: return CELValue.propagate(x, y) ?? CELValue.noSuchOverload(CELOperators.multiply, x, y)
    }
  }

  @Sendable static func divide(_ x: CELValue, _ y: CELValue) -> CELValue {
    switch (x, y) {
    case (.int(_), .int(0)), (.uint(_), .uint(0)):
      return .error(CELError("divide by zero"))
    case (.int(let a), .int(let b)):
      return checked(a.dividedReportingOverflow(by: b), CELValue.int)
    case (.uint(let a), .uint(let b)): return .uint(a / b)
    case (.double(let a), .double(let b)): return .double(a / b)
    default: return CELValue.propagate(x, y) ?? CELValue.noSuchOverload(CELOperators.divide, x, y)
    }
  }

  @Sendable static func modulo(_ x: CELValue, _ y: CELValue) -> CELValue {
    switch (x, y) {
    case (.int(_), .int(0)), (.uint(_), .uint(0)):
      return .error(CELError("modulus by zero"))
    case (.int(let a), .int(let b)):
      return checked(a.remainderReportingOverflow(dividingBy: b), CELValue.int)
    case (.uint(let a), .uint(let b)): return .uint(a % b)
    default: return CELValue.propagate(x, y) ?? CELValue.noSuchOverload(CELOperators.modulo, x, y)
    }
  }

  @Sendable static func negate(_ x: CELValue) -> CELValue {
    switch x {
    case .int(let a): return checked(Int64(0).subtractingReportingOverflow(a), CELValue.int)
    case .double(let a): return .double(-a)
    default: return CELValue.propagate(x) ?? CELValue.noSuchOverload(CELOperators.negate, x)
    }
  }
}

/// Indexing into lists and maps.
enum Collections {
  @Sendable static func index(_ container: CELValue, _ key: CELValue) -> CELValue {
    if let absorbed = CELValue.propagate(container, key) { return absorbed }
    switch container {
    case .list(let items):
      let position: Int64
      switch key {
      case .int(let i): position = i
      case .uint(let u) where u <= UInt64(Int64.max): position = Int64(u)
      case .double(let d) where d.rounded(.towardZero) == d && abs(d) < 9.2e18:
        position = Int64(d)
      default:
        return CELValue.noSuchOverload(CELOperators.index, container, key)
      }
      guard position >= 0, position < items.count else {
        return .error(CELError("index out of range: \(position)"))
      }
      return items[Int(position)]
    case .map(let map):
      switch key {
      case .bool, .int, .uint, .string, .double: break
      default: return CELValue.noSuchOverload(CELOperators.index, container, key)
      }
      return map[key] ?? .error(CELError("no such key: \(key.debugText)"))
    case .object(let object):
      guard case .string(let name) = key, let value = object.field(named: name) else {
        return .error(CELError("no such key"))
      }
      return value
    default:
      return CELValue.noSuchOverload(CELOperators.index, container, key)
    }
  }
}

extension Collections {
  /// `@mapInsert(map, key, value)` and `@mapInsert(map, entries)`, the step of `transformMap`
  /// and `transformMapEntry`: a key already present is an error, as in cel-go.
  @Sendable static func insert(_ args: [CELValue]) -> CELValue {
    guard case .map(let map) = args.first else {
      return CELValue.propagate(args) ?? .error(CELError("no such overload: @mapInsert"))
    }
    let added: [(CELValue, CELValue)]
    switch args.count {
    case 3: added = [(args[1], args[2])]
    case 2:
      guard case .map(let entries) = args[1] else {
        return .error(CELError("no such overload: @mapInsert(map, \(args[1].typeName))"))
      }
      added = Array(entries.entries)
    default: return .error(CELError("no such overload: @mapInsert"))
    }
    for (key, _) in added where map[key] != nil {
      return .error(CELError("insert failed: key \(key.debugText) already exists"))
    }
    switch CELMap.make(Array(map.entries) + added) {
    case .success(let result): return .map(result)
    case .failure(let error): return .error(error)
    }
  }
}

/// String functions beyond the simple predicates.
enum Strings {
  @Sendable static func matches(_ text: CELValue, _ pattern: CELValue) -> CELValue {
    guard case .string(let s) = text, case .string(let p) = pattern else {
      return CELValue.propagate(text, pattern) ?? CELValue.noSuchOverload("matches", text, pattern)
    }
    do {
      let regex = try Regex(p)
      return .bool(try regex.firstMatch(in: s) != nil)
    } catch {
      return .error(CELError("invalid regular expression '\(p)'"))
    }
  }
}
