import Foundation

/// A retention period written as a number of days or weeks: `90d`, `13w`.
public struct RetentionPeriod: Sendable, Hashable, CustomStringConvertible {
  public var days: Int

  public init(days: Int) {
    self.days = days
  }

  /// Parses `90d`, `13w` (and `90`, meaning days); `nil` for anything else or a period under
  /// one day.
  public init?(_ text: String) {
    var digits = Substring(text)
    var unit = 1
    if let last = digits.last, !last.isNumber {
      switch last {
      case "d": unit = 1
      case "w": unit = 7
      default: return nil
      }
      digits = digits.dropLast()
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
      let count = Int(digits), count >= 1, count <= 36_500
    else { return nil }
    days = count * unit
  }

  /// The moment `days` days before `now`.
  public func cutoff(from now: Date) -> Date {
    now.addingTimeInterval(-Double(days) * 86_400)
  }

  public var description: String { "\(days)d" }
}
