import Foundation
import SignpostSource

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Timestamps as the store writes them: ISO 8601 in UTC to the second, so that text order
/// is time order.
public enum StoreClock {
  /// `2025-04-01T02:00:00Z`: Foundation's `Date.ISO8601FormatStyle()`, written from the
  /// date's whole seconds (a store write makes one a row, so not through Foundation's
  /// formatter) for the years 1600 to 9999, and by that formatter for any other (whose
  /// calendar is Julian before 1582-10-15).
  public static func timestamp(_ date: Date) -> String {
    let seconds = date.timeIntervalSince1970.rounded(.down)
    guard let whole = Int64(exactly: seconds) else { return foundationTimestamp(date) }
    let days = CivilCalendar.days(fromSeconds: whole)
    let (year, month, day) = CivilCalendar.date(days: days)
    guard (1600...9999).contains(year) else { return foundationTimestamp(date) }
    let second = whole - CivilCalendar.seconds(fromDays: days)
    let fields: [(value: Int64, digits: Int, after: UInt8)] = [
      (year, 4, UInt8(ascii: "-")), (month, 2, UInt8(ascii: "-")), (day, 2, UInt8(ascii: "T")),
      (second / 3600, 2, UInt8(ascii: ":")), (second / 60 % 60, 2, UInt8(ascii: ":")),
      (second % 60, 2, UInt8(ascii: "Z")),
    ]
    return String(unsafeUninitializedCapacity: 20) { text in
      var end = 0
      for (value, digits, after) in fields {
        var rest = value
        for position in (0..<digits).reversed() {
          text[end + position] = UInt8(ascii: "0") + UInt8(rest % 10)
          rest /= 10
        }
        text[end + digits] = after
        end += digits + 1
      }
      return end
    }
  }

  /// ``timestamp(_:)`` by Foundation's formatter.
  static func foundationTimestamp(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle())
  }

  /// The operating-system user running this process: `USER` or `LOGNAME` if set, else the
  /// name of the effective user id, else `uid N`.
  public static var currentUser: String {
    let environment = ProcessInfo.processInfo.environment
    if let name = environment["USER"] ?? environment["LOGNAME"], !name.isEmpty { return name }
    let uid = geteuid()
    if let entry = getpwuid(uid), let name = entry.pointee.pw_name {
      return String(cString: name)
    }
    return "uid \(uid)"
  }

  /// This machine's host name.
  public static var hostName: String { ProcessInfo.processInfo.hostName }
}
