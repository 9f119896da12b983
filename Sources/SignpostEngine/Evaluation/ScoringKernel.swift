import SignpostRules

/// The one meaning of scoring, which both evaluators call: fired indicators' points summed
/// per domain in 64 bits, each domain capped, the total clamped to 0–100, and the band.
/// The pack compiler has checked that no sum can overflow (`pack.points-overflow`); the sums
/// saturate all the same, so that no pack can crash a run.
public struct ScoringKernel: Sendable {
  /// The domain of each indicator, in pack order.
  public let domainOf: [Int]
  public let points: [Int64]
  public let caps: [Int64]
  /// Band minimums from the highest to the lowest.
  public let bandMinimums: [Int64]

  public init(_ pack: CompiledPack) {
    domainOf = pack.indicators.map(\.domainIndex)
    points = pack.indicators.map { Int64($0.indicator.points) }
    caps = pack.scoring.domains.map { Int64($0.cap) }
    bandMinimums = pack.scoring.bands.map { Int64($0.minimum) }
  }

  /// Scores one person. `fired(i)` says whether indicator `i` fired; `sums` is the caller's
  /// scratch, one per domain, and holds each domain's capped points afterwards.
  /// - Returns: the score and the index of its band.
  @inline(__always)
  public func score(fired: (Int) -> Bool, sums: inout [Int64]) -> (score: Int32, band: Int) {
    for d in sums.indices { sums[d] = 0 }
    for i in points.indices where fired(i) {
      sums[domainOf[i]] = Self.adding(sums[domainOf[i]], points[i])
    }
    var total: Int64 = 0
    for d in sums.indices {
      sums[d] = min(sums[d], caps[d])
      total = Self.adding(total, sums[d])
    }
    let score = Int32(max(0, min(100, total)))
    return (score, bandMinimums.firstIndex { Int64(score) >= $0 } ?? 0)
  }

  /// `a + b`, held at the nearest bound rather than overflowing.
  @inline(__always)
  static func adding(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? (b > 0 ? .max : .min) : sum
  }
}
