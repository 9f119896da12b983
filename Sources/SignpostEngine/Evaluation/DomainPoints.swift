import SignpostRules

/// Capped domain points by `person * domainCount + domain`, one byte each when every
/// domain's capped points fit in -128...127 (as they do in any pack with points and caps of
/// ordinary size), eight otherwise.
public struct DomainPoints: Sendable, Equatable {
  /// One byte a value; empty when the values are `wide`.
  let narrow: [Int8]
  let wide: [Int64]

  /// Values that must each fit in one byte when `oneByte`.
  init(_ values: [Int64], oneByte: Bool) {
    narrow = oneByte ? values.map { Int8(truncatingIfNeeded: $0) } : []
    wide = oneByte ? [] : values
  }

  init(narrow: [Int8]) {
    self.narrow = narrow
    wide = []
  }

  init(wide: [Int64]) {
    narrow = []
    self.wide = wide
  }

  public var count: Int { wide.isEmpty ? narrow.count : wide.count }

  @inline(__always) public subscript(slot: Int) -> Int64 {
    wide.isEmpty ? Int64(narrow[slot]) : wide[slot]
  }

  /// The values in memory for the time of `body`, read without a reference count or a copy
  /// (as the output lines read the table's other columns).
  public func withUnsafeBufferPointer<R>(_ body: (Values) throws -> R) rethrows -> R {
    try narrow.withUnsafeBufferPointer { narrow in
      try wide.withUnsafeBufferPointer { wide in try body(Values(narrow: narrow, wide: wide)) }
    }
  }

  /// The values of a ``DomainPoints`` in memory.
  public struct Values {
    let narrow: UnsafeBufferPointer<Int8>
    let wide: UnsafeBufferPointer<Int64>

    @inline(__always) public subscript(slot: Int) -> Int64 {
      wide.isEmpty ? Int64(narrow[slot]) : wide[slot]
    }
  }

  /// Whether the capped points of every domain of the pack fit in one byte: a domain's
  /// capped sum lies between the smaller of its cap and the sum of its negative points, and
  /// the smaller of its cap and the sum of its positive points.
  static func fitInOneByte(_ scoring: ScoringKernel) -> Bool {
    var lowest = [Int64](repeating: 0, count: scoring.caps.count)
    var highest = [Int64](repeating: 0, count: scoring.caps.count)
    for (i, points) in scoring.points.enumerated() {
      let d = scoring.domainOf[i]
      if points < 0 {
        lowest[d] = ScoringKernel.adding(lowest[d], points)
      } else {
        highest[d] = ScoringKernel.adding(highest[d], points)
      }
    }
    return scoring.caps.indices.allSatisfy { d in
      min(lowest[d], scoring.caps[d]) >= Int64(Int8.min)
        && min(highest[d], scoring.caps[d]) <= Int64(Int8.max)
    }
  }
}
