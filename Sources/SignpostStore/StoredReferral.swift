import GRDB
import SignpostEngine

/// One stored referral: a person recommended or waitlisted for a programme in one run.
public struct StoredReferral: Sendable, Hashable, FetchableRecord {
  public var programme: String
  public var personID: String
  /// 1 for the highest priority.
  public var rank: Int
  public var score: Int
  public var status: ReferralStatus

  public init(
    programme: String, personID: String, rank: Int, score: Int, status: ReferralStatus
  ) {
    self.programme = programme
    self.personID = personID
    self.rank = rank
    self.score = score
    self.status = status
  }

  public init(row: Row) throws {
    programme = row["programme"]
    personID = row["person_id"]
    rank = row["rank"]
    score = row["score"]
    let statusText: String = row["status"]
    status = ReferralStatus(rawValue: statusText) ?? .waitlisted
  }
}
