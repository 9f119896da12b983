/// A date (or date-time) layout such as `yyyy-MM-dd` or `dd/MM/yyyy HH:mm`, as sources
/// declare them: `yyyy`, `MM`, `dd`, `HH`, `mm`, `ss` and literal separators.
public struct DatePattern: Sendable, Hashable {
  enum Part: Sendable, Hashable {
    case year
    case month
    case day
    case hour
    case minute
    case second
    case literal(UInt8)

    var width: Int {
      switch self {
      case .year: 4
      case .literal: 1
      default: 2
      }
    }
  }

  let parts: [Part]
  public let text: String

  /// Parses a pattern; `nil` if it has no year, month and day or uses an unknown letter.
  public init?(_ text: String) {
    var parts: [Part] = []
    let bytes = Array(text.utf8)
    var i = 0
    let tokens: [(String, Part)] = [
      ("yyyy", .year), ("MM", .month), ("dd", .day), ("HH", .hour), ("mm", .minute),
      ("ss", .second),
    ]
    outer: while i < bytes.count {
      for (token, part) in tokens where bytes[i...].starts(with: token.utf8) {
        parts.append(part)
        i += token.utf8.count
        continue outer
      }
      let byte = bytes[i]
      if (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) { return nil }
      parts.append(.literal(byte))
      i += 1
    }
    guard parts.contains(.year), parts.contains(.month), parts.contains(.day) else { return nil }
    self.parts = parts
    self.text = text
  }

  private init(parts: [Part], text: String) {
    self.parts = parts
    self.text = text
  }

  /// `yyyy-MM-dd`.
  public static let iso = DatePattern(
    parts: [.year, .literal(0x2D), .month, .literal(0x2D), .day], text: "yyyy-MM-dd")

  /// Appends a date (and time of day) laid out by this pattern, zero-padded.
  public func format(
    year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
    into bytes: inout [UInt8]
  ) {
    func digits(_ value: Int, _ width: Int) {
      let text = String(value)
      bytes.append(contentsOf: repeatElement(0x30, count: max(0, width - text.utf8.count)))
      bytes.append(contentsOf: text.utf8)
    }
    for part in parts {
      switch part {
      case .year: digits(year, 4)
      case .month: digits(month, 2)
      case .day: digits(day, 2)
      case .hour: digits(hour, 2)
      case .minute: digits(minute, 2)
      case .second: digits(second, 2)
      case .literal(let byte): bytes.append(byte)
      }
    }
  }

  /// Whether `text` is a pattern this reader understands.
  public static func isValid(_ text: String) -> Bool { DatePattern(text) != nil }

  /// Whether the pattern carries a time of day.
  public var hasTime: Bool { parts.contains(.hour) }

  /// Parses bytes laid out by this pattern into seconds since the epoch (UTC), or `nil`.
  public func parse(_ bytes: some Collection<UInt8>) -> Int64? {
    var year = 0
    var month = 0
    var day = 0
    var hour = 0
    var minute = 0
    var second = 0
    var index = bytes.startIndex
    for part in parts {
      if case .literal(let expected) = part {
        guard index != bytes.endIndex, bytes[index] == expected else { return nil }
        index = bytes.index(after: index)
        continue
      }
      var value = 0
      for _ in 0..<part.width {
        guard index != bytes.endIndex else { return nil }
        let digit = bytes[index]
        guard digit >= 48, digit <= 57 else { return nil }
        value = value * 10 + Int(digit - 48)
        index = bytes.index(after: index)
      }
      switch part {
      case .year: year = value
      case .month: month = value
      case .day: day = value
      case .hour: hour = value
      case .minute: minute = value
      case .second: second = value
      case .literal: break
      }
    }
    guard index == bytes.endIndex, hour < 24, minute < 60, second < 60,
      let date = PackDate(year: year, month: month, day: day)
    else { return nil }
    return date.daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second)
  }
}
