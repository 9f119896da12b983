import SignpostEngine
import SignpostRules
import SignpostStore

extension NightlyRun {
  /// What the run found, in counts only: no person ids and no values, since standard output
  /// goes to the journal under a scheduler.
  static func summary(_ run: ScoringRun, runID: Int64, changes: RunChanges, folder: String)
    -> String
  {
    let summary = RunSummary(run)
    let m = run.pack.manifest
    var lines = [
      "run \(runID): pack \(m.id) \(m.version) (\(run.pack.contentHash.prefix(12))), as of \(run.asOf)"
    ]
    for file in run.read.files {
      lines.append(
        "  \(file.path): \(file.rowsRead) rows = \(file.rowsUsed) used + \(file.rowsRejected) rejected"
          + (file.rowsUnmatched > 0 ? " (\(file.rowsUnmatched) of them unmatched)" : "")
          + (file.reconciles ? "" : "  DOES NOT RECONCILE"))
    }
    for missing in run.read.missingTables {
      lines.append("  \(missing): not supplied (indicators that need it are not evaluated)")
    }
    lines.append("people: \(run.peopleCount) read, \(run.scoredCount) scored")
    lines.append("bands: " + summary.bandCounts().map { "\($0.0) \($0.1)" }.joined(separator: ", "))
    for programme in summary.programmeCounts() {
      let counts = programme.counts.filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }
      lines.append("programme \(programme.id): " + counts.joined(separator: ", "))
    }
    if let previous = changes.previous {
      lines.append(
        "since run \(previous.id): "
          + changes.counts.map { "\($0.kind.title.lowercased()) \($0.count)" }.joined(
            separator: ", ") + ", new recommendations \(changes.recommendations.count)")
    } else {
      lines.append(changes.note ?? "no earlier run to compare with")
    }
    lines.append(
      "outputs: \(folder)/ (report.html, changes.csv, \(RunOutputs.files.joined(separator: ", ")))")
    return lines.joined(separator: "\n")
  }
}
