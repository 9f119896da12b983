/// A CEL duration: seconds and nanoseconds with the same sign, within ±10,000 years.
public struct CELDuration: Sendable, Hashable, Comparable {
  public var seconds: Int64
  public var nanos: Int32

  /// The largest magnitude CEL allows, in seconds: a duration must fit in a signed 64-bit
  /// count of nanoseconds (about ±292 years).
  public static let maxSeconds: Int64 = 9_223_372_036

  public init(seconds: Int64, nanos: Int32 = 0) {
    self.seconds = seconds
    self.nanos = nanos
  }

  /// A normalised duration from seconds and any nanoseconds, or `nil` when out of range.
  public static func normalised(seconds: Int64, nanos: Int64) -> CELDuration? {
    var s = seconds.addingReportingOverflow(nanos / 1_000_000_000)
    guard !s.overflow else { return nil }
    var n = nanos % 1_000_000_000
    if s.partialValue > 0, n < 0 {
      n += 1_000_000_000
      s.partialValue -= 1
    } else if s.partialValue < 0, n > 0 {
      n -= 1_000_000_000
      s.partialValue += 1
    }
    guard abs(s.partialValue) <= maxSeconds else { return nil }
    return CELDuration(seconds: s.partialValue, nanos: Int32(n))
  }

  public static func < (a: CELDuration, b: CELDuration) -> Bool {
    (a.seconds, a.nanos) < (b.seconds, b.nanos)
  }
}

/// A CEL timestamp: seconds since the Unix epoch (UTC) and nanoseconds, within years 1–9999.
public struct CELTimestamp: Sendable, Hashable, Comparable {
  public var seconds: Int64
  public var nanos: Int32

  /// 0001-01-01T00:00:00Z.
  public static let minSeconds: Int64 = -62_135_596_800
  /// 9999-12-31T23:59:59Z.
  public static let maxSeconds: Int64 = 253_402_300_799

  public init(seconds: Int64, nanos: Int32 = 0) {
    self.seconds = seconds
    self.nanos = nanos
  }

  /// A timestamp from seconds and nanoseconds, normalised, or `nil` when out of range.
  public static func normalised(seconds: Int64, nanos: Int64) -> CELTimestamp? {
    var s = seconds.addingReportingOverflow(nanos / 1_000_000_000)
    guard !s.overflow else { return nil }
    var n = nanos % 1_000_000_000
    if n < 0 {
      n += 1_000_000_000
      s.partialValue -= 1
    }
    guard s.partialValue >= minSeconds, s.partialValue <= maxSeconds else { return nil }
    return CELTimestamp(seconds: s.partialValue, nanos: Int32(n))
  }

  public static func < (a: CELTimestamp, b: CELTimestamp) -> Bool {
    (a.seconds, a.nanos) < (b.seconds, b.nanos)
  }
}
