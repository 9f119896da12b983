import Foundation

/// One caller's person-level reads to record: who read which persons' data, on which page,
/// when (``RunStore/recordPersonReadsAtLatestRun(_:page:user:role:outcome:now:)``).
public struct PersonReadRequest: Sendable {
  public var personIDs: [String]
  public var page: String
  public var user: String
  public var role: String
  public var outcome: PersonRead.Outcome
  public var at: Date

  public init(
    personIDs: [String], page: String, user: String, role: String,
    outcome: PersonRead.Outcome = .shown, at: Date = Date()
  ) {
    self.personIDs = personIDs
    self.page = page
    self.user = user
    self.role = role
    self.outcome = outcome
    self.at = at
  }
}
