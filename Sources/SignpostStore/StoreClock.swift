import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Timestamps as the store writes them: ISO 8601 in UTC to the second, so that text order
/// is time order.
public enum StoreClock {
  /// `2025-04-01T02:00:00Z`.
  public static func timestamp(_ date: Date) -> String {
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
