import SignpostSource

/// A date (or date-time) layout such as `yyyy-MM-dd`, `dd/MM/yyyy HH:mm` or
/// `yyyy-MM-dd'T'HH:mm:ssXXX`, as sources declare them: `yyyy`, `MM`, `dd`, `HH`, `mm`, `ss`,
/// a UTC offset (`XXX` for `+01:00`, `XX` for `+0100`, `X` for `+01`; each also reads `Z`),
/// literal separators, and letters quoted as literals (`'T'`; `''` is a quote).
public struct DatePattern: Sendable, Hashable {
  enum Part: Sendable, Hashable {
    case year
    case month
    case day
    case hour
    case minute
    case second
    /// A UTC offset: `Z`, or a sign and hours, then minutes with `:` (`XXX`), without (`XX`)
    /// or none (`X`).
    case offset(Int)
    case literal(UInt8)

    var width: Int {
      switch self {
      case .year: 4
      case .literal: 1
      default: 2
      }
    }
  }

  /// A parsed value: the civil date and time as written, and the UTC offset if the pattern
  /// has one.
  public struct Parsed: Sendable, Equatable {
    /// Days since 1970-01-01 of the date as written.
    public var days: Int64
    public var secondsOfDay: Int64
    /// Seconds east of UTC, when written.
    public var offsetSeconds: Int64?
  }

  let parts: [Part]
  public let text: String
  /// Whether the pattern is `yyyy-MM-dd`, read by a fixed-offset fast path.
  public let isISO: Bool

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
      if bytes[i] == UInt8(ascii: "X") {
        var width = 0
        while i < bytes.count, bytes[i] == UInt8(ascii: "X") {
          width += 1
          i += 1
        }
        guard width <= 3 else { return nil }
        parts.append(.offset(width))
        continue
      }
      if bytes[i] == UInt8(ascii: "'") {
        i += 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "'") {
          parts.append(.literal(bytes[i]))
          i += 1
          continue
        }
        while i < bytes.count {
          if bytes[i] == UInt8(ascii: "'") {
            if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "'") {
              parts.append(.literal(bytes[i]))
              i += 2
              continue
            }
            break
          }
          parts.append(.literal(bytes[i]))
          i += 1
        }
        guard i < bytes.count else { return nil }
        i += 1
        continue
      }
      let byte = bytes[i]
      if (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) { return nil }
      parts.append(.literal(byte))
      i += 1
    }
    guard parts.contains(.year), parts.contains(.month), parts.contains(.day) else { return nil }
    self.init(parts: parts, text: text)
  }

  private init(parts: [Part], text: String) {
    self.parts = parts
    self.text = text
    isISO = parts == [.year, .literal(0x2D), .month, .literal(0x2D), .day]
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
      case .offset: bytes.append(UInt8(ascii: "Z"))
      case .literal(let byte): bytes.append(byte)
      }
    }
  }

  /// Whether `text` is a pattern this reader understands.
  public static func isValid(_ text: String) -> Bool { DatePattern(text) != nil }

  /// Whether the pattern carries a time of day.
  public var hasTime: Bool { parts.contains(.hour) }

  /// Whether the pattern carries a UTC offset.
  public var hasOffset: Bool {
    parts.contains { if case .offset = $0 { true } else { false } }
  }

  /// Parses bytes laid out by this pattern into seconds since the epoch, reading the date and
  /// time as written (an offset is ignored), or `nil`.
  public func parse(_ bytes: some Collection<UInt8>) -> Int64? {
    Array(bytes).withUnsafeBufferPointer { parseFields($0) }.map {
      CivilCalendar.seconds(fromDays: $0.days) + $0.secondsOfDay
    }
  }

  /// Parses bytes laid out by this pattern, or `nil` when they do not fit it.
  public func parseFields(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed? {
    if isISO { return Self.parseISO(bytes) }
    var year = 0
    var month = 0
    var day = 0
    var hour = 0
    var minute = 0
    var second = 0
    var offset: Int64?
    var index = 0
    let count = bytes.count
    for part in parts {
      switch part {
      case .literal(let expected):
        guard index < count, bytes[index] == expected else { return nil }
        index += 1
        continue
      case .offset(let width):
        guard index < count else { return nil }
        if bytes[index] == UInt8(ascii: "Z") {
          offset = 0
          index += 1
          continue
        }
        let sign: Int64
        switch bytes[index] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        index += 1
        guard let hours = Self.digits(bytes, &index, 2), hours < 24 else { return nil }
        var minutes = 0
        if width >= 2 {
          if width == 3 {
            guard index < count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
          }
          guard let m = Self.digits(bytes, &index, 2), m < 60 else { return nil }
          minutes = m
        }
        offset = sign * Int64(hours * 3600 + minutes * 60)
        continue
      default: break
      }
      guard let value = Self.digits(bytes, &index, part.width) else { return nil }
      switch part {
      case .year: year = value
      case .month: month = value
      case .day: day = value
      case .hour: hour = value
      case .minute: minute = value
      case .second: second = value
      case .literal, .offset: break
      }
    }
    guard index == count, hour < 24, minute < 60, second < 60,
      let date = PackDate(year: year, month: month, day: day)
    else { return nil }
    return Parsed(
      days: date.daysSinceEpoch, secondsOfDay: Int64(hour * 3600 + minute * 60 + second),
      offsetSeconds: offset)
  }

  /// ``parseFields(_:)`` for `yyyy-MM-dd`: the digits and dashes at their fixed places, the
  /// same dates accepted and refused as the general loop would.
  @inline(__always)
  private static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed? {
    guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
    @inline(__always) func digit(_ i: Int) -> Int? {
      let d = bytes[i] &- 48
      return d < 10 ? Int(d) : nil
    }
    guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
      let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9),
      let date = PackDate(
        year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
    else { return nil }
    return Parsed(days: date.daysSinceEpoch, secondsOfDay: 0, offsetSeconds: nil)
  }

  private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ width: Int)
    -> Int?
  {
    guard index + width <= bytes.count else { return nil }
    var value = 0
    for _ in 0..<width {
      let digit = bytes[index]
      guard digit >= 48, digit <= 57 else { return nil }
      value = value * 10 + Int(digit - 48)
      index += 1
    }
    return value
  }
}
