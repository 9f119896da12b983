/// The measures kept in a run's `summary.json`, read back for `signpost fairness`, `profile`
/// and `docs`, with the pack and date they were measured for.
public struct SummaryMeasures: Sendable, Decodable {
  /// The pack a run scored with.
  public struct PackIdentity: Sendable, Decodable, Equatable {
    public var id: String
    public var version: String
    public var sha256: String
  }

  public var pack: PackIdentity?
  /// The run's as-of date, `YYYY-MM-DD`.
  public var asOf: String?
  /// `nil` for a run summarised before the measures existed.
  public var fairness: FairnessReport?
  public var profile: ProblemProfile?

  /// Reads the measures out of a whole `summary.json`.
  public init(summaryJSON: String) throws {
    self = try MeasureJSON.decode(Self.self, from: summaryJSON)
  }
}
