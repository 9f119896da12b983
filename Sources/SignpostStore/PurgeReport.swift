/// What a purge removed.
public struct PurgeReport: Sendable, Hashable {
  /// The runs whose results and referrals were deleted; their summaries are kept.
  public var runIDs: [Int64]
  public var results: Int
  public var referrals: Int
  /// Runs started before this time (ISO 8601, UTC) were purged.
  public var cutoff: String
}
