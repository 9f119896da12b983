import Foundation

/// A hook for the crash tests: when `SIGNPOST_TEST_PAUSE_AT` names the point a run has
/// reached, the process says so on standard error and waits there until it is killed or
/// receives SIGTERM or SIGINT (then it goes on, and stops at its next safe point), so that a
/// test can stop it at exactly that point. Points: `started`, `scored`, `store.begin`,
/// `store.results`, `store.commit`, `stored`, `outputs.FILE` (half of FILE written),
/// `outputs.written`. Unset, it does nothing.
enum TestPause {
  static let variable = "SIGNPOST_TEST_PAUSE_AT"
  private static let point = ProcessInfo.processInfo.environment[variable]

  /// Waits if `name` is the point asked for.
  static func reached(_ name: String) {
    guard let point, point == name else { return }
    FileHandleOutput.standardError("signpost: paused at \(name) (\(variable))\n")
    while Interruption.received == nil { usleep(10_000) }
  }
}
