import Foundation

/// A small, fast, seedable pseudo-random generator (xoshiro256**, seeded through SplitMix64),
/// with the few distributions the synthetic population needs.
///
/// The standard library's generators and its `random(in:using:)` algorithms may change
/// between toolchains; this one is fixed, so the same seed gives the same extracts.
/// Each part of the model draws from its own stream (`init(seed:stream:index:)`), so a change
/// to one part does not shift the numbers every other part sees.
public struct SynthRandom: Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// A generator seeded from one 64-bit value.
  public init(seed: UInt64) {
    var state = seed
    s0 = Self.splitMix64(&state)
    s1 = Self.splitMix64(&state)
    s2 = Self.splitMix64(&state)
    s3 = Self.splitMix64(&state)
    if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
  }

  /// An independent stream for one part of the model (`stream`) and one item (`index`).
  public init(seed: UInt64, stream: UInt64, index: UInt64) {
    var state = seed ^ 0x5851_F42D_4C95_7F2D
    var mixed = Self.splitMix64(&state)
    state = mixed ^ (stream &* 0xD6E8_FEB8_6659_FD93)
    mixed = Self.splitMix64(&state)
    state = mixed ^ (index &* 0x9E37_79B9_7F4A_7C15)
    self.init(seed: Self.splitMix64(&state))
  }

  /// SplitMix64: one step, returning the next output.
  static func splitMix64(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3 << 45 | s3 >> 19
    return result
  }

  /// A uniform double in [0, 1).
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// `true` with probability `p`.
  public mutating func chance(_ p: Double) -> Bool {
    uniform() < p
  }

  /// A uniform integer in `0..<bound` (`bound` > 0), by Lemire's multiply-shift.
  public mutating func int(below bound: Int) -> Int {
    guard bound > 1 else { return 0 }
    let product = next().multipliedFullWidth(by: UInt64(bound))
    return Int(product.high)
  }

  /// A uniform integer in a closed range.
  public mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
  }

  /// A standard normal deviate (Box–Muller, one of the pair).
  public mutating func normal() -> Double {
    let u1 = 1.0 - uniform()
    let u2 = uniform()
    return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
  }

  /// A Poisson count with mean `mean` (inversion for small means, a rounded normal beyond 40).
  public mutating func poisson(_ mean: Double) -> Int {
    guard mean > 0 else { return 0 }
    if mean > 40 {
      return max(0, Int((mean + mean.squareRoot() * normal()).rounded()))
    }
    var p = exp(-mean)
    var cumulative = p
    let u = uniform()
    var k = 0
    while u > cumulative, k < 200 {
      k += 1
      p *= mean / Double(k)
      cumulative += p
    }
    return k
  }

  /// A gamma deviate with mean 1 and the given shape (variance 1/shape): Marsaglia–Tsang.
  public mutating func gammaMeanOne(shape: Double) -> Double {
    guard shape > 0 else { return 1 }
    if shape < 1 {
      let boost = pow(uniform(), 1.0 / shape)
      return gammaMeanOne(shape: shape + 1) * (shape + 1) * boost / shape
    }
    let d = shape - 1.0 / 3.0
    let c = 1.0 / (9.0 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = normal()
        v = 1.0 + c * x
      } while v <= 0
      v = v * v * v
      let u = uniform()
      if u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)) {
        return d * v / shape
      }
    }
  }

  /// An index drawn with the given cumulative weights (as made by ``cumulative(_:)``).
  public mutating func pick(cumulative: [Double]) -> Int {
    guard let total = cumulative.last else { return 0 }
    let u = uniform() * total
    var low = 0
    var high = cumulative.count - 1
    while low < high {
      let mid = (low + high) / 2
      if cumulative[mid] > u { high = mid } else { low = mid + 1 }
    }
    return low
  }

  /// Running sums of weights, for ``pick(cumulative:)``.
  public static func cumulative(_ weights: [Double]) -> [Double] {
    var total = 0.0
    return weights.map {
      total += $0
      return total
    }
  }
}
