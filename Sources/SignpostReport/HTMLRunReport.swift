import SignpostEngine

/// The run report as one self-contained HTML file: inline CSS and inline SVG charts (people
/// per band, referrals per programme, changes since the last run, the most frequent
/// indicators), the new recommendations with their reasons, disproportionality by group (a
/// forest plot of relative rate indices), and the data-quality figures.
/// No scripts, no fonts or images from elsewhere: it opens the same offline, from a share or
/// an email attachment. Every piece of text from the data is escaped.
public enum HTMLRunReport {
  /// The most rows a table of band changes shows; the rest are in `changes.csv`.
  public static let tableLimit = 200

  /// The whole page.
  public static func render(_ content: ReportContent) -> String {
    let changes = content.changes
    var html =
      head("Signpost run \(content.runID), as of \(content.asOf)") + """
        <header>
        <h1>Signpost run \(content.runID)</h1>
        <p class="meta">As of <strong>\(e(content.asOf))</strong> · pack \(e(content.packID)) \
        \(e(content.packVersion)) <code>\(e(String(content.packHash.prefix(12))))</code> · \
        \(e(comparison(changes)))</p>
        <p class="notice">Recommendations, not decisions: a person reviews each one and records \
        the decision. This page holds personal data about young people: keep it to the triage \
        meeting and delete copies under the retention period.</p>
        </header>

        """
    html += alerts(content.warnings)
    html += figures(content)
    html += "<div class=\"charts\">\n"
    html += section("People per band", chart: bandChart(content))
    html += section("Referrals per programme", chart: referralChart(content))
    html += section(
      "Changes since " + (changes.previous.map { "run \($0.id)" } ?? "the last run"),
      chart: changesChart(content),
      note: changes.note ?? (changes.rulesChanged ? rulesChangedNote(changes) : nil))
    html += section(
      "Most frequent indicators", chart: indicatorChart(content),
      note: content.indicators.count > 10
        ? "The ten that fired most of \(content.indicators.count) that fired." : nil)
    html += "</div>\n"
    html += recommendationsTable(content)
    html += FairnessSection.html(content.fairness)
    html += bandChangeTables(changes)
    html += dataSection(content)
    html += """
      <footer>Signpost run report · run \(content.runID) · every score can be recomputed by hand \
      from <code>signpost explain</code>.</footer>
      </body>
      </html>

      """
    return html
  }

  // MARK: - Parts

  private static func e(_ text: String) -> String { HTMLText.escape(text) }

  /// The document up to the opening of `<body>`, with the page's title and stylesheet.
  private static func head(_ title: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(e(title))</title>
    <style>\(stylesheet)</style>
    </head>
    <body>

    """
  }

  private static func comparison(_ changes: RunChanges) -> String {
    guard let previous = changes.previous else { return changes.note ?? "no earlier run" }
    return "compared with run \(previous.id)" + (previous.asOf.map { " (as of \($0))" } ?? "")
  }

  private static func rulesChangedNote(_ changes: RunChanges) -> String {
    let before = changes.previous.map { "\($0.packID ?? "") \($0.packVersion ?? "")" } ?? ""
    let after = "\(changes.run.packID ?? "") \(changes.run.packVersion ?? "")"
    return "The rules changed between the two runs (\(before) → \(after)): some changes come "
      + "from the rules, not from the young people's records."
  }

  /// Warnings in red, above everything else.
  private static func alerts(_ warnings: [String]) -> String {
    guard !warnings.isEmpty else { return "" }
    return "<section class=\"alert\" id=\"alerts\"><ul>"
      + warnings.map { "<li>\(e($0))</li>" }.joined() + "</ul></section>\n"
  }

  /// The page of a run that stopped before it could be shown (`failed` or `held`): why, in
  /// red, and where the last complete run's report is. It names no person.
  public static func renderStopped(
    runID: Int64, status: String, reasons: [String], lastComplete: Int64?
  ) -> String {
    let last =
      lastComplete.map {
        "The last complete run is run \($0): <a href=\"../run-\($0)/report.html\">its report</a>. "
          + "Nothing has changed since it as far as Signpost can tell: do not read tonight's "
          + "silence as no one new needing help."
      } ?? "There is no complete run yet."
    return head("Signpost run \(runID): \(status)") + """
      <header><h1>Signpost run \(runID): \(e(status.uppercased()))</h1></header>

      """ + alerts(reasons) + """
        <p>\(last)</p>
        <footer>Signpost run report · run \(runID) · see docs/nightly-run.md for what to do.</footer>
        </body>
        </html>

        """
  }

  private static func figures(_ content: ReportContent) -> String {
    let changes = content.changes
    let items: [(String, Int, String)] = [
      ("people scored", content.peopleScored, "scored"),
      ("new recommendations", changes.recommendations.count, "new"),
      ("new to a band", changes.people(.newToBand).count, "newband"),
      ("escalated", changes.people(.escalated).count, "escalated"),
      ("rows rejected", content.rowsRejected, "rejected"),
    ]
    var html = "<section class=\"figures\">"
    for (label, value, id) in items {
      html +=
        "<div class=\"figure\" id=\"figure-\(id)\"><span class=\"number\">\(value)</span>"
        + "<span class=\"caption\">\(e(label))</span></div>"
    }
    return html + "</section>\n"
  }

  private static func section(_ title: String, chart: BarChart, note: String? = nil) -> String {
    var html = "<section class=\"chart-box\"><h2>\(e(title))</h2>\n" + chart.svg + "\n"
    if let note { html += "<p class=\"note\">\(e(note))</p>\n" }
    return html + "</section>\n"
  }

  private static func bandChart(_ content: ReportContent) -> BarChart {
    let count = content.bands.count
    let bars = content.bands.enumerated().map { index, band in
      let style: String
      if index == count - 1 && count > 1 {
        style = "band-none"
      } else {
        style = ["band-1", "band-2", "band-3", "band-4"][min(index, 3)]
      }
      return BarChart.Bar(band.id, band.count, style: style)
    }
    return BarChart(id: "bands", title: "People per band", bars: bars)
  }

  private static func referralChart(_ content: ReportContent) -> BarChart {
    BarChart(
      id: "referrals", title: "Referrals per programme",
      bars: content.programmes.map { programme in
        BarChart.Bar(
          programme.name,
          segments: [
            .init(value: programme.recommended, style: "recommended"),
            .init(value: programme.waitlisted, style: "waitlisted"),
          ])
      }, legend: [("recommended", "recommended"), ("waitlisted", "waitlisted")])
  }

  private static func changesChart(_ content: ReportContent) -> BarChart {
    let changes = content.changes
    let styles: [RunChanges.Kind: String] = [
      .newToBand: "change-new", .escalated: "change-up", .deescalated: "change-down",
      .noLongerFlagged: "change-off",
    ]
    var bars = changes.counts.map {
      BarChart.Bar($0.kind.title, $0.count, style: styles[$0.kind] ?? "change-new")
    }
    let counts = Dictionary(
      changes.recommendationCounts.map { ($0.programme, $0.count) }, uniquingKeysWith: +)
    for programme in content.programmes {
      bars.append(
        BarChart.Bar(
          "New: \(programme.name)", counts[programme.id] ?? 0, style: "recommended"))
    }
    return BarChart(id: "changes", title: "Changes since the last run", bars: bars)
  }

  private static func indicatorChart(_ content: ReportContent) -> BarChart {
    BarChart(
      id: "indicators", title: "Most frequent indicators",
      bars: content.indicators.prefix(10).map { BarChart.Bar($0.id, $0.fired, style: "indicator") }
    )
  }

  private static func recommendationsTable(_ content: ReportContent) -> String {
    var html = "<section id=\"new-recommendations\"><h2>New recommendations</h2>\n"
    guard !content.recommendations.isEmpty else {
      return html + "<p class=\"note\">None since the last run.</p></section>\n"
    }
    html += """
      <table>
      <thead><tr><th>Person</th><th>Score</th><th>Band</th><th>Recommended for</th>\
      <th>Why</th><th>Indicators changed</th></tr></thead>
      <tbody>

      """
    for person in content.recommendations {
      let programmes = person.programmes.map { p in
        "<li><strong>\(e(p.name))</strong> #\(p.rank) <span class=\"decision\">"
          + "\(e(p.decision)); before: \(e(p.before))</span></li>"
      }.joined()
      let reasons = person.reasons.map { group in
        "<li>\(e(group.heading))<ul>" + group.items.map { "<li>\(e($0))</li>" }.joined()
          + "</ul></li>"
      }.joined()
      html +=
        "<tr><td><code>\(e(person.personID))</code></td><td class=\"num\">\(person.score)</td>"
        + "<td>\(e(person.band))</td><td><ul>\(programmes)</ul></td>"
        + "<td><ul>\(reasons)</ul></td>"
        + "<td><code>\(e(person.indicatorChanges.isEmpty ? "none" : person.indicatorChanges))</code></td></tr>\n"
    }
    return html + "</tbody></table></section>\n"
  }

  private static func bandChangeTables(_ changes: RunChanges) -> String {
    var html = "<section id=\"band-changes\"><h2>Band changes</h2>\n"
    guard changes.previous != nil else {
      return html + "<p class=\"note\">\(e(changes.note ?? "No earlier run."))</p></section>\n"
    }
    for kind in RunChanges.Kind.allCases {
      let people = changes.people(kind)
      guard !people.isEmpty else {
        html += "<h3>\(e(kind.title)) (0)</h3>\n"
        continue
      }
      // Long lists start folded; <details> needs no script.
      html +=
        "<details id=\"changes-\(e(kind.rawValue))\"\(people.count <= 25 ? " open" : "")>"
        + "<summary><h3>\(e(kind.title)) (\(people.count))</h3></summary>\n"
      html += """
        <table><thead><tr><th>Person</th><th>Band</th><th>Score</th>\
        <th>Indicators changed</th></tr></thead><tbody>

        """
      for change in people.prefix(tableLimit) {
        let band = "\(change.bandBefore ?? "not in run") → \(change.bandAfter ?? "not in run")"
        let score =
          "\(change.scoreBefore.map(String.init) ?? "–") → \(change.scoreAfter.map(String.init) ?? "–")"
        html +=
          "<tr><td><code>\(e(change.personID))</code></td><td>\(e(band))</td>"
          + "<td>\(e(score))</td><td><code>\(e(change.indicators.text))</code></td></tr>\n"
      }
      html += "</tbody></table>\n"
      if people.count > tableLimit {
        html += "<p class=\"note\">and \(people.count - tableLimit) more in changes.csv</p>\n"
      }
      html += "</details>\n"
    }
    return html + "</section>\n"
  }

  private static func dataSection(_ content: ReportContent) -> String {
    var html = """
      <section id="data"><h2>Data</h2>
      <p>\(content.peopleRead) people read, \(content.peopleScored) scored; \
      \(content.rowsRejected) rows rejected (see rejects.csv); rows \
      \(content.reconciled ? "reconcile" : "DO NOT RECONCILE") (read = used + rejected).</p>
      <table><thead><tr><th>File</th><th>Read</th><th>Used</th><th>Rejected</th></tr></thead>
      <tbody>

      """
    for file in content.files {
      html +=
        "<tr><td><code>\(e(file.path))</code></td><td class=\"num\">\(file.read)</td>"
        + "<td class=\"num\">\(file.used)</td><td class=\"num\">\(file.rejected)</td></tr>\n"
    }
    html += "</tbody></table>\n"
    if !content.missingTables.isEmpty {
      html +=
        "<p class=\"note\">Not supplied: \(e(content.missingTables.joined(separator: ", "))); "
        + "the indicators that need them were not evaluated.</p>\n"
    }
    return html + "</section>\n"
  }

  /// The report's CSS, shared with the pack's public record.
  static let stylesheet = """
    :root{--ink:#1d2733;--muted:#5b6675;--line:#d8dde3;--bg:#f6f7f9}
    *{box-sizing:border-box}
    body{margin:0;padding:24px 32px;font:15px/1.45 system-ui,-apple-system,"Segoe UI",\
    "DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
    h1{margin:0 0 4px;font-size:26px}h2{font-size:18px;margin:0 0 10px}h3{font-size:15px;margin:16px 0 6px}
    .meta{color:var(--muted);margin:0 0 8px}.note{color:var(--muted);font-size:13px}
    .notice{background:#fff7e0;border-left:4px solid #e0a800;padding:8px 12px;margin:8px 0 16px}
    .alert{background:#fdecea;border-left:6px solid #c0392b;color:#a61b1b;font-weight:600;padding:8px 12px;margin:8px 0 16px}
    .figures{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 18px}
    .figure{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:10px 16px;min-width:150px}
    .figure .number{display:block;font-size:26px;font-weight:700}.figure .caption{color:var(--muted);font-size:13px}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:18px;margin-bottom:18px}
    .chart-box{border:1px solid var(--line);border-radius:6px;padding:14px 16px}
    svg.chart{width:100%;max-width:640px;height:auto;display:block}
    svg .label,svg .value,svg .legend{font-size:13px;fill:var(--ink)}svg .value{font-weight:600}
    .band-1{fill:#c0392b}.band-2{fill:#e67e22}.band-3{fill:#f1c40f}.band-4{fill:#95a5a6}.band-none{fill:#bdc3c7}
    .recommended{fill:#2e86c1}.waitlisted{fill:#aed6f1}.indicator{fill:#7d3c98}
    .change-new{fill:#e67e22}.change-up{fill:#c0392b}.change-down{fill:#17a589}.change-off{fill:#27ae60}
    table{border-collapse:collapse;width:100%;margin:6px 0 14px;font-size:14px}
    th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
    th{background:var(--bg)}td.num{text-align:right}td ul{margin:0;padding-left:18px}
    .decision{color:var(--muted);font-size:13px}code{font-size:13px}
    summary{cursor:pointer}summary h3{display:inline}
    .rri-range{fill:#e8f4ea}.rri-one{stroke:var(--muted);stroke-dasharray:3 3}
    .rri-group{stroke:#2e86c1;fill:#2e86c1;stroke-width:2}.rri-flagged{stroke:#c0392b;fill:#c0392b;stroke-width:2}
    section{margin-bottom:18px}footer{color:var(--muted);font-size:12px;margin-top:24px}
    @media print{body{padding:0}.charts{display:block}.chart-box{break-inside:avoid;margin-bottom:12px}}
    """
}
