import SignpostCEL

/// Whether an evaluation result matches the value a conformance case expects.
///
/// The rules are the suite's: exact for bools, ints, uints, strings (by code point) and
/// bytes (`1` does not match `1u`); doubles by `==` except that NaN matches NaN (so `-0.0` matches `0.0`, as in
/// CEL); lists element by element; maps as unordered sets of entries, keys looked up by CEL
/// semantics; type values by the name `type(x)` reports. An error or unknown matches no value.
public enum ValueComparison {
  /// Whether `actual` matches `expected`.
  public static func matches(_ actual: CELValue, _ expected: CELValue) -> Bool {
    switch (actual, expected) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.int(let a), .int(let b)): return a == b
    case (.uint(let a), .uint(let b)): return a == b
    case (.double(let a), .double(let b)): return a == b || (a.isNaN && b.isNaN)
    case (.string(let a), .string(let b)):
      // Swift's `==` on strings is canonical equivalence; CEL compares code points.
      return a.unicodeScalars.elementsEqual(b.unicodeScalars)
    case (.bytes(let a), .bytes(let b)): return a == b
    case (.timestamp(let a), .timestamp(let b)): return a == b
    case (.duration(let a), .duration(let b)): return a == b
    case (.type(let a), .type(let b)): return a.runtimeName == b.runtimeName
    case (.list(let a), .list(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { matches($0, $1) }
    case (.map(let a), .map(let b)):
      return a.count == b.count
        && b.entries.allSatisfy { key, value in a[key].map { matches($0, value) } ?? false }
    default: return false
    }
  }
}
