/// Type conversions: `int()`, `uint()`, `double()`, `string()`, `bytes()`, `bool()`.
enum Conversions {
  static let rangeError = CELValue.error(CELError("range error: value out of range"))

  @Sendable static func toInt(_ v: CELValue) -> CELValue {
    switch v {
    case .int: return v
    case .uint(let u): return u <= UInt64(Int64.max) ? .int(Int64(u)) : rangeError
    case .double(let d):
      guard d.isFinite, d > -9_223_372_036_854_775_809.0, d < 9_223_372_036_854_775_807.0 else {
        return rangeError
      }
      return .int(Int64(d.rounded(.towardZero)))
    case .string(let s):
      return Int64(s).map(CELValue.int) ?? .error(CELError("cannot convert '\(s)' to int"))
    case .timestamp(let t): return .int(t.seconds)
    default: return CELValue.propagate(v) ?? CELValue.noSuchOverload("int", v)
    }
  }

  @Sendable static func toUInt(_ v: CELValue) -> CELValue {
    switch v {
    case .uint: return v
    case .int(let i): return i >= 0 ? .uint(UInt64(i)) : rangeError
    case .double(let d):
      guard d.isFinite, d > -1, d < 18_446_744_073_709_551_615.0 else { return rangeError }
      return .uint(UInt64(d.rounded(.towardZero)))
    case .string(let s):
      return UInt64(s).map(CELValue.uint) ?? .error(CELError("cannot convert '\(s)' to uint"))
    default: return CELValue.propagate(v) ?? CELValue.noSuchOverload("uint", v)
    }
  }

  @Sendable static func toDouble(_ v: CELValue) -> CELValue {
    switch v {
    case .double: return v
    case .int(let i): return .double(Double(i))
    case .uint(let u): return .double(Double(u))
    case .string(let s):
      return parseDouble(s).map(CELValue.double)
        ?? .error(CELError("cannot convert '\(s)' to double"))
    default: return CELValue.propagate(v) ?? CELValue.noSuchOverload("double", v)
    }
  }

  /// Parses a decimal floating-point literal, with `NaN` and `±Infinity` spelt as CEL does.
  static func parseDouble(_ s: String) -> Double? {
    switch s {
    case "NaN": return .nan
    case "Infinity", "+Infinity", "inf", "+inf": return .infinity
    case "-Infinity", "-inf": return -.infinity
    default:
      guard !s.isEmpty,
        s.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) })
      else { return nil }
      return Double(s)
    }
  }

  @Sendable static func toString(_ v: CELValue) -> CELValue {
    switch v {
    case .string: return v
    case .int(let i): return .string(String(i))
    case .uint(let u): return .string(String(u))
    case .double(let d): return .string(format(d))
    case .bool(let b): return .string(b ? "true" : "false")
    case .bytes(let b):
      guard let s = String(validating: b, as: UTF8.self) else {
        return .error(CELError("invalid UTF-8 in bytes, cannot convert to string"))
      }
      return .string(s)
    case .timestamp(let t): return .string(TimeFunctions.format(t))
    case .duration(let d): return .string(TimeFunctions.format(d))
    default: return CELValue.propagate(v) ?? CELValue.noSuchOverload("string", v)
    }
  }

  /// Formats a double the shortest way that reads back the same, as CEL implementations do.
  static func format(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    return "\(d)"
  }

  @Sendable static func toBytes(_ v: CELValue) -> CELValue {
    switch v {
    case .bytes: return v
    case .string(let s): return .bytes(Array(s.utf8))
    default: return CELValue.propagate(v) ?? CELValue.noSuchOverload("bytes", v)
    }
  }

  @Sendable static func toBool(_ v: CELValue) -> CELValue {
    switch v {
    case .bool: return v
    case .string(let s):
      switch s {
      case "true", "TRUE", "True", "t", "1": return .bool(true)
      case "false", "FALSE", "False", "f", "0": return .bool(false)
      default: return .error(CELError("cannot convert '\(s)' to bool"))
      }
    default: return CELValue.propagate(v) ?? CELValue.noSuchOverload("bool", v)
    }
  }
}
