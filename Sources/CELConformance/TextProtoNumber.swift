/// A numeric literal: an integer as sign and magnitude (so both `int64` and `uint64` fields
/// get their whole range), or a floating-point number.
public enum TextProtoNumber: Sendable, Equatable {
  case integer(negative: Bool, magnitude: UInt64)
  case float(Double)

  /// The value as a signed 64-bit integer, or `nil` for a float or when out of range.
  public var int64: Int64? {
    guard case .integer(let negative, let magnitude) = self else { return nil }
    if !negative { return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil }
    if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
    return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
  }

  /// The value as an unsigned 64-bit integer, or `nil` for a float or a negative number.
  public var uint64: UInt64? {
    guard case .integer(let negative, let magnitude) = self else { return nil }
    return negative && magnitude != 0 ? nil : magnitude
  }

  /// The value as a double (integers convert, rounding to the nearest double).
  public var double: Double {
    switch self {
    case .integer(let negative, let magnitude):
      let value = Double(magnitude)
      return negative ? -value : value
    case .float(let value): return value
    }
  }
}
