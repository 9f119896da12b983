import SignpostFairness

extension RunSummary {
  /// The `fairness` section of `summary.json` (disproportionality by the pack's protected and
  /// context fields) and its `profile` section (the problem profile): aggregates only, small
  /// counts suppressed, no person ids.
  static func measureSections(_ run: ScoringRun) -> (fairness: String, profile: String) {
    let measures = run.measures
    return (nested(measures.fairness.json), nested(measures.profile.json))
  }

  /// Indented JSON re-indented to sit one level into the summary object.
  private static func nested(_ json: String) -> String {
    json.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
  }
}
