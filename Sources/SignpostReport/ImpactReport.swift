import SignpostEngine
import SignpostFairness

/// The impact of a rule change as one self-contained HTML page for the board that approves
/// it: who enters and leaves each band and programme, the rule changes behind the moves, the
/// groups newly flagged or cleared, and the fairness figures under the new rules. Counts only:
/// the people who move are in `movers.csv`.
public enum ImpactReport {
  /// The whole page.
  public static func render(_ impact: PackImpact) -> String {
    let title =
      "Impact of \(impact.pack.id) \(impact.pack.version) against \(impact.baseline.version)"
    var html =
      HTMLPage.opening(title: title) + """
        <header>
        <h1>\(HTMLText.escape(title))</h1>
        <p class="meta">New pack \(HTMLText.escape(label(impact.pack))) · baseline \
        \(HTMLText.escape(label(impact.baseline))) · the same extracts, \(impact.people) people</p>
        <p class="notice">For the board that approves the change. Counts are not suppressed \
        here: keep this page inside the partnership; publish the pack's record instead.</p>
        </header>
        <section class="figures">
        <div class="figure"><span class="number">\(impact.movers.count)</span>\
        <span class="caption">people move</span></div>
        <div class="figure"><span class="number">\(impact.flagChanges.filter(\.raised).count)</span>\
        <span class="caption">groups newly flagged</span></div>
        <div class="figure"><span class="number">\(impact.flagChanges.filter { !$0.raised }.count)</span>\
        <span class="caption">flags cleared</span></div>
        </section>

        """
    html += "<div class=\"charts\">\n"
    html +=
      "<section class=\"chart-box\"><h2>Referrals entering and leaving</h2>\n"
      + programmeChart(impact).svg + "</section>\n"
    html += "</div>\n"
    html += transitionTable(impact)
    html += "<section id=\"reasons\"><h2>The rule changes behind the moves</h2>\n"
    html +=
      impact.reasons.isEmpty
      ? "<p class=\"note\">No one moves.</p>"
      : "<table><thead><tr><th>change</th><th>people</th></tr></thead><tbody>"
        + impact.reasons.map {
          "<tr><td><code>\(HTMLText.escape($0.change))</code></td><td class=\"num\">\($0.people)</td></tr>"
        }.joined() + "</tbody></table>"
    html += "</section>\n<section id=\"flag-changes\"><h2>Fairness flags that change</h2>\n"
    html +=
      impact.flagChanges.isEmpty
      ? "<p class=\"note\">No group is newly flagged or cleared.</p>"
      : "<ul>"
        + impact.flagChanges.map {
          "<li><strong>\($0.raised ? "Newly flagged" : "No longer flagged")</strong>: "
            + HTMLText.escape($0.flag.text) + "</li>"
        }.joined() + "</ul>"
    html += "</section>\n"
    html += FairnessView(impact.fairnessAfter).html
    return html + "</body>\n</html>\n"
  }

  private static func label(_ pack: (id: String, version: String, hash: String)) -> String {
    "\(pack.id) \(pack.version) (\(pack.hash.prefix(12)))"
  }

  private static func programmeChart(_ impact: PackImpact) -> BarChart {
    BarChart(
      id: "impact-programmes", title: "Referrals entering and leaving each programme",
      bars: impact.programmes.map {
        BarChart.Bar(
          $0.id,
          segments: [
            .init(value: $0.entered, style: "change-new"),
            .init(value: $0.left, style: "change-off"),
          ])
      }, legend: [("entered", "change-new"), ("left", "change-off")])
  }

  private static func transitionTable(_ impact: PackImpact) -> String {
    let used = impact.bands.indices.filter { b in
      impact.transitions[b].contains { $0 > 0 } || impact.transitions.contains { $0[b] > 0 }
    }
    var html =
      "<section id=\"bands\"><h2>Bands before (rows) and after (columns)</h2>\n<table><thead><tr><th></th>"
      + used.map { "<th>\(HTMLText.escape(impact.bands[$0]))</th>" }.joined()
      + "</tr></thead><tbody>"
    for b in used {
      html +=
        "<tr><th>\(HTMLText.escape(impact.bands[b]))</th>"
        + used.map { a in
          let n = impact.transitions[b][a]
          return "<td class=\"num\">" + (a == b || n == 0 ? "\(n)" : "<strong>\(n)</strong>")
            + "</td>"
        }.joined() + "</tr>"
    }
    return html + "</tbody></table></section>\n"
  }
}
