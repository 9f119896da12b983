import SignpostSource

/// The catalogue of ids the pack-test runner gives problems with a case's own data.
extension DiagnosticID {
  /// A written person, event or extract file the case's schema cannot use.
  static let packTestData = DiagnosticID("pack.test-data")
}
