import Foundation
import Testing

extension Tag {
  /// Tests that take minutes: the kill tests (a 50,000-person extract, killed at each phase)
  /// and the browser test. `SIGNPOST_SKIP_LONG_TESTS=1 swift test` skips them on a developer's
  /// machine; CI (`.ci/run`) runs them all.
  @Tag public static var long: Self
}

/// Whether the long tests run: always, unless `SIGNPOST_SKIP_LONG_TESTS` is set to `1`.
public let longTestsEnabled = ProcessInfo.processInfo.environment["SIGNPOST_SKIP_LONG_TESTS"] != "1"
