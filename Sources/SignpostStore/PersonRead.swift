import GRDB

/// One person-level read through the service: who saw (or was refused) which person's data,
/// on which page, when. Answers "who looked at this child's record" for a subject access
/// request (`signpost audit --person ID`).
public struct PersonRead: Sendable, Hashable, FetchableRecord {
  /// Whether the data was shown or the request was refused.
  public enum Outcome: String, Sendable, Hashable {
    case shown
    case refused
  }

  public var id: Int64
  /// ISO 8601 in UTC.
  public var at: String
  public var user: String
  public var role: String
  public var personID: String
  /// The page or export: `person`, `queue:pied`, `export:pied`, `decision:pied`.
  public var page: String
  public var runID: Int64?
  public var outcome: Outcome

  public init(row: Row) throws {
    id = row["id"]
    at = row["at"]
    user = row["user"]
    role = row["role"]
    personID = row["person_id"]
    page = row["page"]
    runID = row["run_id"]
    let outcomeText: String = row["outcome"]
    outcome = Outcome(rawValue: outcomeText) ?? .refused
  }
}
