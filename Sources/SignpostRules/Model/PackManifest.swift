/// `pack.yaml`: what the pack is, who owns it and what it rests on.
public struct PackManifest: Sendable {
  public var id: String
  public var name: String
  public var version: String
  public var owner: String
  /// The date from which the rules apply, `YYYY-MM-DD`.
  public var effective: PackDate
  public var description: String
  public var references: [Reference]

  /// A document the rules are based on.
  public struct Reference: Sendable {
    public var title: String
    public var location: String?
  }
}

/// A calendar date without a time, as packs and extracts write them.
public struct PackDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public var daysSinceEpoch: Int64

  public init(daysSinceEpoch: Int64) {
    self.daysSinceEpoch = daysSinceEpoch
  }

  /// A date from its parts, or `nil` when they do not make a real date.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
      day <= PackDate.daysInMonth(year: year, month: month)
    else { return nil }
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = Int64((month + 9) % 12)
    let doy = (153 * mp + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    daysSinceEpoch = era * 146_097 + doe - 719_468
  }

  /// Parses `YYYY-MM-DD`.
  public init?(iso text: some StringProtocol) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Year, month and day.
  public var components: (year: Int, month: Int, day: Int) {
    let z = daysSinceEpoch + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (Int(yoe + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
  }

  public static func < (a: PackDate, b: PackDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

  /// `YYYY-MM-DD`.
  public var description: String {
    let (y, m, d) = components
    func pad(_ v: Int, _ w: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }
}
