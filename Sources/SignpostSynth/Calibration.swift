import Foundation

/// Helpers that make the generated population meet its targets in expectation for any size:
/// ranking (the top share of a score gets a status) and raking (group multipliers that give
/// target rate ratios between groups).
enum Calibration {
  /// The indices of the items with the highest scores whose weights add up to `share` of the
  /// total weight. Ties break by index, so the result is deterministic.
  static func top(_ share: Double, of scores: [Double], weights: [Double]? = nil) -> [Int] {
    let order = ranked(scores)
    let total = weights.map { $0.reduce(0, +) } ?? Double(scores.count)
    let wanted = share * total
    var taken = 0.0
    var result: [Int] = []
    for index in order {
      let weight = weights?[index] ?? 1
      if taken + weight / 2 > wanted { break }
      taken += weight
      result.append(index)
    }
    return result
  }

  /// Indices ordered by descending score, ties by index.
  static func ranked(_ scores: [Double]) -> [Int] {
    Array(scores.indices).sorted { a, b in
      scores[a] != scores[b] ? scores[a] > scores[b] : a < b
    }
  }

  /// A binary group whose rate, relative to a reference group, should meet `target`.
  struct Ratio {
    /// Members of the group, whose rates the multiplier scales.
    var member: [Bool]
    /// Members of the group it is compared with.
    var reference: [Bool]
    var target: Double
  }

  /// Multiplies `rates` by one factor per ratio, found by iterative proportional fitting, so
  /// that each group's mean rate is `target` times its reference group's.
  static func rake(_ rates: [Double], ratios: [Ratio], iterations: Int = 40) -> [Double] {
    var current = rates
    for _ in 0..<iterations {
      for ratio in ratios {
        var memberSum = 0.0
        var memberCount = 0.0
        var referenceSum = 0.0
        var referenceCount = 0.0
        for index in current.indices {
          if ratio.member[index] {
            memberSum += current[index]
            memberCount += 1
          } else if ratio.reference[index] {
            referenceSum += current[index]
            referenceCount += 1
          }
        }
        guard memberSum > 0, referenceSum > 0 else { continue }
        let achieved = (memberSum / memberCount) / (referenceSum / referenceCount)
        let step = ratio.target / achieved
        for index in current.indices where ratio.member[index] { current[index] *= step }
      }
    }
    return current
  }

  /// Scales rates so that their mean is `mean`.
  static func normalise(_ rates: [Double], mean: Double) -> [Double] {
    let total = rates.reduce(0, +)
    guard total > 0 else { return rates }
    let scale = mean * Double(rates.count) / total
    return rates.map { $0 * scale }
  }

  /// The value at quantile `q` of a piecewise-linear distribution given by points.
  static func quantile(_ q: Double, _ points: [(quantile: Double, absence: Double)]) -> Double {
    guard let first = points.first else { return 0 }
    if q <= first.quantile { return first.absence }
    for (low, high) in zip(points, points.dropFirst()) where q <= high.quantile {
      let span = high.quantile - low.quantile
      let t = span > 0 ? (q - low.quantile) / span : 0
      return low.absence + t * (high.absence - low.absence)
    }
    return points.last?.absence ?? 0
  }

  /// Counts of events for items in groups: each group gets its expected total (rounded up or
  /// down at random, so the expectation holds), spread over its members in proportion to
  /// their expected counts. Fixing the group totals keeps rate ratios between groups on
  /// target even in a small population, while who gets the events stays random.
  /// With `atMostOne`, each member gets at most one (weighted sampling without replacement).
  static func allocate(
    _ expected: [Double], groups: [Int], atMostOne: Bool, _ random: inout SynthRandom
  ) -> [Int] {
    var counts = Array(repeating: 0, count: expected.count)
    var members: [[Int]] = Array(repeating: [], count: (groups.max() ?? -1) + 1)
    for (index, group) in groups.enumerated() { members[group].append(index) }
    for group in members where !group.isEmpty {
      let total = group.reduce(0.0) { $0 + expected[$1] }
      var events = Int(total.rounded(.down))
      if random.chance(total - Double(events)) { events += 1 }
      guard events > 0 else { continue }
      if atMostOne {
        // Efraimidis–Spirakis: the largest keys u^(1/w) are a weighted sample.
        let keyed = group.filter { expected[$0] > 0 }.map { index in
          (key: log(max(random.uniform(), .leastNonzeroMagnitude)) / expected[index], index: index)
        }
        let chosen = keyed.sorted { $0.key != $1.key ? $0.key > $1.key : $0.index < $1.index }
        for item in chosen.prefix(events) { counts[item.index] = 1 }
      } else {
        let cumulative = SynthRandom.cumulative(group.map { expected[$0] })
        for _ in 0..<events { counts[group[random.pick(cumulative: cumulative)]] += 1 }
      }
    }
    return counts
  }
}
