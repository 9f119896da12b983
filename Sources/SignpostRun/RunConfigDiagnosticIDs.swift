import SignpostSource

/// The catalogue of ids the nightly run's configuration file (``RunConfig``) gives its
/// problems; the YAML reader's own (`yaml.*`) come from SignpostYAML.
extension DiagnosticID {
  static let configUnreadable = DiagnosticID("config.unreadable")
  static let configNotUTF8 = DiagnosticID("config.not-utf8")
  static let configDropThreshold = DiagnosticID("config.drop-threshold")
}
