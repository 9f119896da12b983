import SignpostFairness

extension RunSummary {
  /// The `fairness` section of `summary.json`: disproportionality by the pack's protected and
  /// context fields; aggregates only, small counts suppressed, no person ids.
  var fairnessSection: String { Self.nested(run.fairnessReport.json) }

  /// The `profile` section of `summary.json`: the problem profile by the pack's profile fields.
  var profileSection: String { Self.nested(run.problemProfile.json) }

  /// Indented JSON re-indented to sit one level into the summary object.
  private static func nested(_ json: String) -> String {
    json.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
  }
}
