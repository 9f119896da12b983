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
      (1...Self.daysIn(month: month, year: year)).contains(day)
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
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
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
    let days = daysIn(month: month, year: year)
    guard let date = YAMLDate(year: year, month: month, day: day) else {
      return .failure(.day(daysInMonth: days))
    }
    return .success(date)
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
