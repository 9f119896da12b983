import Foundation

/// Slows password guessing: after ``limit`` failed sign-ins for one name, or from one
/// address, within ``window``, further attempts are refused until the window has passed.
public actor LoginThrottle {
  /// Failures allowed per name and per address in a window.
  public let limit: Int
  public let window: TimeInterval
  private var failures: [String: [Date]] = [:]

  public init(limit: Int = 5, window: TimeInterval = 15 * 60) {
    self.limit = limit
    self.window = window
  }

  /// Whether a sign-in for `name` from `address` may be tried now.
  public func allows(name: String, address: String, now: Date = Date()) -> Bool {
    recent("name:" + name, now: now) < limit && recent("address:" + address, now: now) < limit
  }

  /// Counts a failed sign-in.
  public func recordFailure(name: String, address: String, now: Date = Date()) {
    for key in ["name:" + name, "address:" + address] {
      failures[key, default: []].append(now)
    }
  }

  /// Forgets a name's failures after a successful sign-in.
  public func recordSuccess(name: String) {
    failures["name:" + name] = nil
  }

  private func recent(_ key: String, now: Date) -> Int {
    let kept = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
    failures[key] = kept.isEmpty ? nil : kept
    return kept.count
  }
}
