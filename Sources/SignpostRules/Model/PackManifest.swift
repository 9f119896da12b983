import SignpostSource

/// `pack.yaml`: what the pack is, who owns it and what it rests on.
public struct PackManifest: Sendable {
  public var id: String
  public var name: String
  public var version: String
  public var owner: String
  /// The date from which the rules apply, `YYYY-MM-DD`.
  public var effective: PackDate
  /// The IANA time zone whose civil date is "today" for the partnership, and into which
  /// date-times with an offset are converted, e.g. `Europe/London`.
  public var timeZone: String
  public var description: String
  public var references: [Reference]

  /// The time zone of a pack that declares none.
  public static let defaultTimeZone = "UTC"

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
      day <= CivilCalendar.daysInMonth(year: Int64(year), month: Int64(month))
    else { return nil }
    daysSinceEpoch = CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day))
  }

  /// Parses `YYYY-MM-DD`.
  public init?(iso text: some StringProtocol) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// Year, month and day.
  public var components: (year: Int, month: Int, day: Int) {
    let (y, m, d) = CivilCalendar.date(days: daysSinceEpoch)
    return (Int(y), Int(m), Int(d))
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
