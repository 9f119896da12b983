import Foundation

/// The relative rate index of a group: its rate of an outcome divided by the rate among
/// everyone else in the scored population, with a 95% confidence interval from the normal
/// approximation to the log of the ratio (Katz et al., 1978).
public struct RateRatio: Sendable, Hashable {
  public var value: Double
  public var lower: Double
  public var upper: Double

  /// The z value of a two-sided 95% interval.
  public static let z95 = 1.959964

  /// The index of `selected` of `population` against `otherSelected` of `otherPopulation`;
  /// `nil` when either population is empty. When either rate is zero, 0.5 is added to each
  /// count (the Haldane-Anscombe correction), so that a group none of whom, or all of whose
  /// comparators, are selected still has a finite index and interval.
  public init?(selected: Int, population: Int, otherSelected: Int, otherPopulation: Int) {
    guard population > 0, otherPopulation > 0 else { return nil }
    var (a, n1, c, n2) = (
      Double(selected), Double(population), Double(otherSelected), Double(otherPopulation)
    )
    if selected == 0 || otherSelected == 0 {
      (a, n1, c, n2) = (a + 0.5, n1 + 1, c + 0.5, n2 + 1)
    }
    value = (a / n1) / (c / n2)
    let standardError = (1 / a - 1 / n1 + 1 / c - 1 / n2).squareRoot()
    lower = exp(log(value) - Self.z95 * standardError)
    upper = exp(log(value) + Self.z95 * standardError)
  }

  /// Whether the interval leaves out 1, so that chance alone is an unlikely explanation.
  public var excludesOne: Bool { lower > 1 || upper < 1 }

  /// Whether the group is flagged: the index is outside `range` and its interval excludes 1.
  public func isFlagged(outside range: ClosedRange<Double>) -> Bool {
    !range.contains(value) && excludesOne
  }
}
