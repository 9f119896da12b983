import SignpostFairness

extension RunSummary {
  /// The `fairness` (disproportionality) and `profile` (problem profile) sections of
  /// `summary.json`: aggregates only, small counts suppressed, no person ids.
  var responsibleUseSections: [(String, String)] {
    [
      ("fairness", Self.nested(run.fairnessReport.json)),
      ("profile", Self.nested(run.problemProfile.json)),
    ]
  }

  /// Indented JSON re-indented to sit one level into the summary object.
  private static func nested(_ json: String) -> String {
    json.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
  }
}
