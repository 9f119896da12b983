import SignpostSource

/// The catalogue of ids `signpost serve` gives problems in the `serve:` section of its
/// configuration (``ServeSettings``).
extension DiagnosticID {
  static let serveUnreadable = DiagnosticID("serve.unreadable")
  static let servePort = DiagnosticID("serve.port")
  static let serveSecret = DiagnosticID("serve.secret")
  static let serveRole = DiagnosticID("serve.role")
  static let serveDuplicateUser = DiagnosticID("serve.duplicate-user")
  static let serveTokenHash = DiagnosticID("serve.token-hash")
  static let servePasswordHash = DiagnosticID("serve.password-hash")
  static let serveSchoolScope = DiagnosticID("serve.school-scope")
  static let serveProgrammeScope = DiagnosticID("serve.programme-scope")
}
