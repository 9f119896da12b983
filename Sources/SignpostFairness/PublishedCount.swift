/// A count as published: the number, or withheld. A count of 1 to 4 is withheld as `<5`
/// (primary suppression); a larger count is withheld as `c` when showing it would let a
/// withheld small count be worked out by subtraction from the totals (secondary suppression).
public enum PublishedCount: Sendable, Hashable, Codable, CustomStringConvertible {
  case shown(Int)
  /// Fewer than ``CellSuppression/threshold`` (but not none).
  case small
  /// Withheld to protect a small count elsewhere in its row or column.
  case withheld

  /// The number, when it is shown.
  public var value: Int? {
    if case .shown(let n) = self { return n }
    return nil
  }

  /// `12`, `<5` or `c`.
  public var description: String {
    switch self {
    case .shown(let n): String(n)
    case .small: "<\(CellSuppression.threshold)"
    case .withheld: "c"
    }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let n = try? container.decode(Int.self) {
      self = .shown(n)
      return
    }
    let text = try container.decode(String.self)
    switch text {
    case PublishedCount.small.description: self = .small
    case PublishedCount.withheld.description: self = .withheld
    default:
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected a count, '<5' or 'c', found '\(text)'")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .shown(let n): try container.encode(n)
    default: try container.encode(description)
    }
  }
}
