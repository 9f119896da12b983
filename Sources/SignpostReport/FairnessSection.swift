import SignpostFairness

/// The run report's fairness section: the groups flagged for disproportionality, a forest
/// plot of the indices furthest from 1, and each outcome's table by group.
enum FairnessSection {
  /// The most groups the chart shows.
  static let chartLimit = 30

  /// The section as HTML.
  static func html(_ report: FairnessReport) -> String {
    var html = "<section id=\"fairness\"><h2>Fairness: who is selected, by group</h2>\n"
    guard let first = report.outcomes.first, !first.dimensions.isEmpty else {
      return html
        + "<p class=\"note\">The pack names no protected or context fields (fairness.yaml).</p></section>\n"
    }
    let range = (report.rateRatioRange.first ?? 0.8)...(report.rateRatioRange.last ?? 1.25)
    html += """
      <p class="note">Each group's rate against the rate of everyone else scored: the relative \
      rate index with its 95% interval. A group is flagged when its index is outside \
      \(RateRatioChart.ratio(range.lowerBound))–\(RateRatioChart.ratio(range.upperBound)) and \
      the interval excludes 1. Counts of 1 to 4 are shown as &lt;5, and c marks a count withheld \
      so that a small one cannot be worked out. A flag asks a question of the rules; it does not \
      answer it (docs/responsible-use.md).</p>

      """
    html +=
      report.flags.isEmpty
      ? "<p id=\"fairness-flags\"><strong>No group is flagged.</strong></p>\n"
      : "<p id=\"fairness-flags\"><strong>\(report.flags.count) flagged:</strong></p><ul>"
        + report.flags.map { "<li>\(HTMLText.escape($0.text))</li>" }.joined() + "</ul>\n"
    html += "<div class=\"chart-box\">" + chart(report, range: range).svg + "</div>\n"
    for outcome in report.outcomes {
      html +=
        "<details><summary><h3>\(HTMLText.escape(outcome.label))</h3> "
        + "\(outcome.selected) of \(report.scored)</summary>\n" + table(outcome) + "</details>\n"
    }
    return html + "</section>\n"
  }

  /// Flagged groups first, then the rest by how far their index is from 1.
  static func chart(_ report: FairnessReport, range: ClosedRange<Double>) -> RateRatioChart {
    var rows: [(RateRatioChart.Row, Double)] = []
    for outcome in report.outcomes {
      for dimension in outcome.dimensions {
        for group in dimension.groups {
          guard let ratio = group.rateRatio, let lower = group.lower, let upper = group.upper
          else { continue }
          let label = "\(outcome.label) · \(dimension.field) \(group.group)"
          let distance = max(ratio, 1 / ratio)
          rows.append(
            (
              .init(label: label, ratio: ratio, lower: lower, upper: upper, flagged: group.flagged),
              group.flagged ? distance + 1e6 : distance
            ))
        }
      }
    }
    let shown = rows.enumerated().sorted { ($1.element.1, $0.offset) < ($0.element.1, $1.offset) }
      .prefix(chartLimit).map(\.element.0)
    return RateRatioChart(
      id: "fairness", title: "Relative rate index by group, flagged groups in red",
      rows: Array(shown), range: range)
  }

  private static func table(_ outcome: FairnessReport.Outcome) -> String {
    var html =
      "<table><thead><tr><th>field</th><th>group</th><th>people</th><th>selected</th>"
      + "<th>rate</th><th>index</th><th>95% interval</th><th>flag</th></tr></thead><tbody>\n"
    for dimension in outcome.dimensions {
      for group in dimension.groups {
        let interval =
          group.lower.flatMap { l in
            group.upper.map { "\(RateRatioChart.ratio(l))–\(RateRatioChart.ratio($0))" }
          } ?? ""
        html +=
          "<tr><td>\(HTMLText.escape(dimension.field))</td><td>\(HTMLText.escape(group.group))</td>"
          + "<td class=\"num\">\(HTMLText.escape(group.population.description))</td>"
          + "<td class=\"num\">\(HTMLText.escape(group.selected.description))</td>"
          + "<td class=\"num\">\(group.rate.map { FairnessReport.percent($0) } ?? "")</td>"
          + "<td class=\"num\">\(group.rateRatio.map(RateRatioChart.ratio) ?? "")</td>"
          + "<td class=\"num\">\(interval)</td><td>\(group.flagged ? "flagged" : "")</td></tr>\n"
      }
    }
    return html + "</tbody></table>\n"
  }
}
