/// Equality, ordering and arithmetic on values, with CEL's rules for mixed numeric types
/// and for errors and unknowns.
extension CELValue {
  /// Whether this value is an error or unknown, which strict functions pass through.
  @inlinable public var isAbsorbing: Bool {
    switch self {
    case .error, .unknown: true
    default: false
    }
  }

  /// The first unknown (merging all unknowns) or else the first error among `values`.
  static func propagate(_ values: CELValue...) -> CELValue? {
    propagate(values)
  }

  static func propagate(_ values: [CELValue]) -> CELValue? {
    var unknown: CELUnknown?
    var error: CELValue?
    for value in values {
      switch value {
      case .unknown(let u): unknown = unknown.map { $0.merged(with: u) } ?? u
      case .error: if error == nil { error = value }
      default: break
      }
    }
    if let unknown { return .unknown(unknown) }
    return error
  }

  static func noSuchOverload(_ function: String, _ values: CELValue...) -> CELValue {
    let types = values.map(\.typeName).joined(separator: ", ")
    return .error(CELError("no such overload: \(function)(\(types))"))
  }

  /// The CEL type name of this value, as `type(x)` would report it.
  public var typeName: String { runtimeType.runtimeName }

  /// The run-time type of this value.
  public var runtimeType: CELType {
    switch self {
    case .null: .null
    case .bool: .bool
    case .int: .int
    case .uint: .uint
    case .double: .double
    case .string: .string
    case .bytes: .bytes
    case .list: .list(.dyn)
    case .map: .map(.dyn, .dyn)
    case .timestamp: .timestamp
    case .duration: .duration
    case .type(let t): .type(t)
    case .object(let o): .object(o.typeName)
    case .error, .unknown: .error
    }
  }

  /// CEL equality: numbers compare by value across int, uint and double; lists and maps
  /// compare element by element; values of different kinds are unequal.
  public static func celEquals(_ a: CELValue, _ b: CELValue) -> CELValue {
    if let absorbed = propagate(a, b) { return absorbed }
    return .bool(isEqual(a, b))
  }

  /// Equality of two values that are neither errors nor unknowns (errors inside lists compare
  /// unequal).
  public static func isEqual(_ a: CELValue, _ b: CELValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
    case (.bytes(let x), .bytes(let y)): return x == y
    case (.timestamp(let x), .timestamp(let y)): return x == y
    case (.duration(let x), .duration(let y)): return x == y
    case (.type(let x), .type(let y)): return x.runtimeName == y.runtimeName
    case (.list(let x), .list(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { isEqual($0, $1) }
    case (.map(let x), .map(let y)):
      guard x.count == y.count else { return false }
      for (key, value) in x.entries {
        guard let other = y[key], isEqual(value, other) else { return false }
      }
      return true
    default:
      if let order = compareNumbers(a, b) { return order == 0 }
      return false
    }
  }

  /// The order of two numbers of any numeric kinds: -1, 0 or 1; `nil` if either is not a
  /// number or either is NaN.
  static func compareNumbers(_ a: CELValue, _ b: CELValue) -> Int? {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.uint(let x), .uint(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.double(let x), .double(let y)):
      if x.isNaN || y.isNaN { return nil }
      return x < y ? -1 : (x == y ? 0 : 1)
    case (.int(let x), .uint(let y)):
      if x < 0 { return -1 }
      return compareNumbers(.uint(UInt64(x)), .uint(y))
    case (.uint, .int): return compareNumbers(b, a).map { -$0 }
    case (.int(let x), .double(let y)): return compareIntDouble(x, y)
    case (.double, .int(let y)):
      guard case .double(let x) = a else { return nil }
      return compareIntDouble(y, x).map { -$0 }
    case (.uint(let x), .double(let y)): return compareUIntDouble(x, y)
    case (.double(let x), .uint(let y)): return compareUIntDouble(y, x).map { -$0 }
    default: return nil
    }
  }

  // As cel-go does: out-of-range doubles order by sign, others compare as doubles.
  private static func compareIntDouble(_ x: Int64, _ y: Double) -> Int? {
    if y.isNaN { return nil }
    if y < -9_223_372_036_854_775_808.0 { return 1 }
    if y > 9_223_372_036_854_775_808.0 { return -1 }
    return compareDoubles(Double(x), y)
  }

  private static func compareUIntDouble(_ x: UInt64, _ y: Double) -> Int? {
    if y.isNaN { return nil }
    if y < 0 { return 1 }
    if y > 18_446_744_073_709_551_616.0 { return -1 }
    return compareDoubles(Double(x), y)
  }

  private static func compareDoubles(_ x: Double, _ y: Double) -> Int {
    x < y ? -1 : (x == y ? 0 : 1)
  }

  /// The order of two values of the same comparable kind (numbers of any kind together):
  /// negative, zero or positive; `nil` when they cannot be ordered.
  public static func order(_ a: CELValue, _ b: CELValue) -> Int? {
    if case .ordered(let order) = compare(a, b, "order") { return order }
    return nil
  }

  /// The outcome of comparing two values: an order (`nil` when unordered, as with NaN), or
  /// an error value when the kinds cannot be compared.
  enum Ordering {
    case ordered(Int?)
    case failed(CELValue)
  }

  /// The order of two comparable values, or an error value when they cannot be ordered.
  static func compare(_ a: CELValue, _ b: CELValue, _ function: String) -> Ordering {
    switch (a, b) {
    case (.bool(let x), .bool(let y)): return .ordered(x == y ? 0 : (!x ? -1 : 1))
    case (.string(let x), .string(let y)):
      // Code point order, which UTF-8 byte order preserves; not Swift's canonical equivalence.
      if x.utf8.elementsEqual(y.utf8) { return .ordered(0) }
      return .ordered(x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1)
    case (.bytes(let x), .bytes(let y)):
      return .ordered(x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1))
    case (.timestamp(let x), .timestamp(let y)): return .ordered(x == y ? 0 : (x < y ? -1 : 1))
    case (.duration(let x), .duration(let y)): return .ordered(x == y ? 0 : (x < y ? -1 : 1))
    case (.int, _), (.uint, _), (.double, _):
      switch b {
      case .int, .uint, .double: return .ordered(compareNumbers(a, b))
      default: return .failed(noSuchOverload(function, a, b))
      }
    default: return .failed(noSuchOverload(function, a, b))
    }
  }
}
