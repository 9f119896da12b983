import SignpostEngine

/// The run report as one self-contained HTML file: inline CSS and inline SVG charts (people
/// per band, referrals per programme, changes since the last run, the most frequent
/// indicators), the new recommendations with their reasons, disproportionality by group (a
/// forest plot of relative rate indices), and the data-quality figures.
/// No scripts, no fonts or images from elsewhere: it opens the same offline, from a share or
/// an email attachment. It is rendered from mustache templates (`report.mustache`) over the
/// head and stylesheet the service's pages share, so every piece of text from the data is
/// escaped on the same path as the service's.
public enum HTMLRunReport {
  /// The most rows a table of band changes shows; the rest are in `changes.csv`.
  public static let tableLimit = 200

  /// The whole page.
  public static func render(_ content: ReportContent) -> String {
    ReportTemplates.render(RunReportView(content), "report")
  }

  /// The page of a run that stopped before it could be shown (`failed` or `held`): why, in
  /// red, and where the last complete run's report is. It names no person.
  public static func renderStopped(
    runID: Int64, status: String, reasons: [String], lastComplete: Int64?
  ) -> String {
    ReportTemplates.render(
      StoppedRunView(
        title: "Signpost run \(runID): \(status)", runID: runID, status: status.uppercased(),
        alerts: reasons, hasAlerts: !reasons.isEmpty, lastComplete: lastComplete),
      "report-stopped")
  }

  /// What `report-stopped.mustache` shows.
  struct StoppedRunView {
    var title: String
    var runID: Int64
    var status: String
    var alerts: [String]
    var hasAlerts: Bool
    var lastComplete: Int64?
  }
}
