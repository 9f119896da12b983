import SignpostSource

/// A calendar date written `YYYY-MM-DD` (ISO 8601, proleptic Gregorian calendar).
public struct YAMLDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Why a text is not a date.
  enum Problem: Error {
    /// Not four digits, a dash, two digits, a dash and two digits.
    case format
    case month
    case day(daysInMonth: Int)
  }

  public let year: Int
  public let month: Int
  public let day: Int

  /// Creates a date, or `nil` if the month or day is out of range or the year is outside
  /// 0...9999.
  public init?(year: Int, month: Int, day: Int) {
    guard (0...9999).contains(year), (1...12).contains(month),
      (1...Int(CivilCalendar.daysInMonth(year: Int64(year), month: Int64(month)))).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses exactly `YYYY-MM-DD`, or returns `nil`.
  public init?(_ text: String) {
    guard case .success(let date) = Self.parse(text) else { return nil }
    self = date
  }

  /// Days from 1970-01-01 (negative before it).
  public var daysSinceEpoch: Int {
    Int(CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day)))
  }

  /// The date as `YYYY-MM-DD`.
  public var description: String {
    func padded(_ number: Int, _ width: Int) -> String {
      let digits = String(number)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
  }

  public static func < (a: YAMLDate, b: YAMLDate) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  /// Parses `YYYY-MM-DD`, saying what is wrong when it is not a date.
  static func parse(_ text: String) -> Result<YAMLDate, Problem> {
    let chars = Array(text.unicodeScalars)
    let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9]
    guard chars.count == 10, chars[4] == "-", chars[7] == "-",
      digitPositions.allSatisfy({ ("0"..."9").contains(chars[$0]) })
    else { return .failure(.format) }
    func number(_ range: Range<Int>) -> Int {
      range.reduce(0) { $0 * 10 + Int(chars[$1].value - 48) }
    }
    let year = number(0..<4)
    let month = number(5..<7)
    let day = number(8..<10)
    guard (1...12).contains(month) else { return .failure(.month) }
    let days = Int(CivilCalendar.daysInMonth(year: Int64(year), month: Int64(month)))
    guard let date = YAMLDate(year: year, month: month, day: day) else {
      return .failure(.day(daysInMonth: days))
    }
    return .success(date)
  }
}
