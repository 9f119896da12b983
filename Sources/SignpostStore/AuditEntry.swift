import GRDB

/// One line of the audit table: who ran or read what, and when.
public struct AuditEntry: Sendable, Hashable, FetchableRecord {
  public var id: Int64
  /// ISO 8601 in UTC.
  public var at: String
  /// The operating-system user (`$USER`, `$LOGNAME`, or the effective user id's name).
  public var user: String
  /// The command: `run`, `changes`, `purge`.
  public var command: String
  /// What was done: `started`, `completed`, `failed`, `abandoned`, `read`, `purged`.
  public var action: String
  public var runID: Int64?
  /// Counts and settings, never personal data.
  public var detail: String

  public init(row: Row) throws {
    id = row["id"]
    at = row["at"]
    user = row["user"]
    command = row["command"]
    action = row["action"]
    runID = row["run_id"]
    detail = row["detail"]
  }
}
