/// The measures kept in a run's `summary.json`, read back for `signpost fairness`, `profile`
/// and `docs`.
public struct SummaryMeasures: Sendable, Decodable {
  /// `nil` for a run summarised before the measures existed.
  public var fairness: FairnessReport?
  public var profile: ProblemProfile?

  /// Reads the measures out of a whole `summary.json`.
  public init(summaryJSON: String) throws {
    self = try MeasureJSON.decode(Self.self, from: summaryJSON)
  }
}
