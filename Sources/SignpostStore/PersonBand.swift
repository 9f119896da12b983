import GRDB

/// A person's band and score in one stored complete run.
public struct PersonBand: Sendable, Hashable, FetchableRecord {
  public var runID: Int64
  /// The run's as-of date, `YYYY-MM-DD`.
  public var asOf: String
  public var band: String
  public var score: Int

  public init(row: Row) throws {
    runID = row["run_id"]
    asOf = row["as_of"] ?? ""
    band = row["band"]
    score = row["score"]
  }
}
