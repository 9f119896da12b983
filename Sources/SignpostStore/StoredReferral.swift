import GRDB
import SignpostEngine

/// One stored referral: a person recommended, waitlisted, tied at the last place or listed for
/// a programme in one run.
public struct StoredReferral: Sendable, Hashable, FetchableRecord {
  public var programme: String
  public var personID: String
  /// 1 for the highest priority.
  public var rank: Int
  public var score: Int
  public var status: ReferralStatus
  /// The places left for a tie, or a listed person's note.
  public var note: String = ""

  public init(
    programme: String, personID: String, rank: Int, score: Int, status: ReferralStatus,
    note: String = ""
  ) {
    self.programme = programme
    self.personID = personID
    self.rank = rank
    self.score = score
    self.status = status
    self.note = note
  }

  public init(row: Row) throws {
    programme = row["programme"]
    personID = row["person_id"]
    rank = row["rank"]
    score = row["score"]
    let statusText: String = row["status"]
    guard let status = ReferralStatus(rawValue: statusText) else {
      throw StoreError.unknownWord(statusText, column: "referral.status")
    }
    self.status = status
    note = row["note"] ?? ""
  }
}
