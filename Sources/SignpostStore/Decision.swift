import GRDB

/// One recorded decision on a person's recommendation for a programme: who decided what,
/// why, when, and against which run and pack.
public struct Decision: Sendable, Hashable, FetchableRecord {
  /// The longest note a decision keeps, in characters.
  public static let noteLimit = 500

  public var id: Int64
  /// ISO 8601 in UTC.
  public var at: String
  /// The service account that recorded it.
  public var user: String
  public var runID: Int64
  public var packHash: String
  public var programme: String
  public var personID: String
  public var kind: DecisionKind
  public var reason: DecisionReason
  /// A short free-text note; never logged.
  public var note: String

  public init(row: Row) throws {
    id = row["id"]
    at = row["at"]
    user = row["user"]
    runID = row["run_id"]
    packHash = row["pack_hash"]
    programme = row["programme"]
    personID = row["person_id"]
    let kindText: String = row["kind"]
    kind = DecisionKind(rawValue: kindText) ?? .defer
    let reasonText: String = row["reason"]
    reason = DecisionReason(rawValue: reasonText) ?? .other
    note = row["note"]
  }
}
