/// What a signed-in user may see and do.
public enum ServerRole: String, Sendable, CaseIterable, Codable {
  /// Manages users; sees everything triage sees.
  case admin
  /// Sees every person and records decisions.
  case triage
  /// Sees the queues of their own programmes and records decisions on them.
  case programmeLead = "programme_lead"
  /// Sees only the pupils of their own school(s).
  case school
  /// Sees aggregates only: no person ids.
  case analyst
}
