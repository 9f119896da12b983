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

  /// `YYYY-MM-DD`. Years 0 to 9999 are written digit by digit into the string's ten bytes
  /// (the score route writes a date for each of its evidence values); other years as
  /// ``padded(year:month:day:)`` writes them.
  public var description: String {
    let (y, m, d) = components
    guard (0...9999).contains(y) else { return Self.padded(year: y, month: m, day: d) }
    return String(unsafeUninitializedCapacity: 10) { text in
      func digits(_ value: Int, _ width: Int, endingAt end: Int) {
        var value = value
        for k in stride(from: end, to: end - width, by: -1) {
          text[k] = UInt8(ascii: "0") + UInt8(value % 10)
          value /= 10
        }
      }
      digits(y, 4, endingAt: 3)
      text[4] = UInt8(ascii: "-")
      digits(m, 2, endingAt: 6)
      text[7] = UInt8(ascii: "-")
      digits(d, 2, endingAt: 9)
      return 10
    }
  }

  /// Each part padded on the left with zeros to its width (four, two, two), a minus sign
  /// counted in the width (`00-5-01-02`): how ``description`` writes a year outside 0 to 9999.
  static func padded(year: Int, month: Int, day: Int) -> String {
    func pad(_ v: Int, _ w: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }
}
