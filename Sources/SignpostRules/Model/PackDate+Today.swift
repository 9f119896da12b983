import Foundation

extension PackDate {
  /// Today's date where a pack applies: the civil date at `now` in the IANA time zone
  /// `timeZone` (a pack's `time_zone`), so a run at 00:30 in a British summer scores that
  /// day, not the day before as in UTC. An unknown zone (the compiler refuses one) is UTC.
  /// The one place Signpost reads the date from the clock.
  public static func today(inTimeZone timeZone: String, now: Date = Date()) -> PackDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone.gmt
    let parts = calendar.dateComponents([.year, .month, .day], from: now)
    return PackDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
      ?? PackDate(daysSinceEpoch: 0)
  }
}
