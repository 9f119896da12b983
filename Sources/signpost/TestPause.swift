import Foundation

/// A hook for the crash tests: when `SIGNPOST_TEST_PAUSE_AT` names the point a run has
/// reached, the process says so on standard error and sleeps until it is killed, so that a
/// test can kill it at exactly that point. Points: `started`, `scored`, `store.begin`,
/// `store.results`, `store.commit`, `stored`. Unset, it does nothing.
enum TestPause {
  static let variable = "SIGNPOST_TEST_PAUSE_AT"
  private static let point = ProcessInfo.processInfo.environment[variable]

  /// Pauses forever if `name` is the point asked for.
  static func reached(_ name: String) {
    guard let point, point == name else { return }
    FileHandleOutput.standardError("signpost: paused at \(name) (\(variable))\n")
    while true { sleep(3600) }
  }
}
