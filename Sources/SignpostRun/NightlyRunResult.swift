/// What a nightly run ended with: its outcome, its id once it has one, the lines for a person
/// (errors; the summary of a complete run, in counts only) and the folder of its outputs.
public struct NightlyRunResult: Sendable {
  public var outcome: RunOutcome
  /// The run's id in the store; `nil` if the store could not be opened.
  public var runID: Int64?
  /// Why the run did not complete, one line each (`error: ...`), or diagnostics.
  public var errors: [String]
  /// A complete run's summary: counts only, no person ids and no values.
  public var summary: String?
  /// `OUTPUT/run-ID`, where the outputs (or a stopped run's report in red) are.
  public var folder: String?
}
