import SignpostFairness

/// The run report's fairness section for `report-fairness.mustache`: the groups flagged for
/// disproportionality, a forest plot of the indices furthest from 1, and each outcome's
/// table by group.
struct FairnessView {
  /// The most groups the chart shows.
  static let chartLimit = 30

  struct Outcome {
    var label: String
    var selected: Int
    var rows: [Row]
  }

  struct Row {
    var field: String
    var group: String
    var people: String
    var selected: String
    var rate: String
    var index: String
    var interval: String
    var flag: String
  }

  /// Whether the pack names protected or context fields (fairness.yaml).
  var hasFields: Bool
  var lower: String
  var upper: String
  var flags: [String]
  var hasFlags: Bool
  var flagCount: Int
  var chart: String
  var outcomes: [Outcome]
  var scored: Int

  init(_ report: FairnessReport) {
    let range = (report.rateRatioRange.first ?? 0.8)...(report.rateRatioRange.last ?? 1.25)
    hasFields = !(report.outcomes.first?.dimensions.isEmpty ?? true)
    lower = RateRatioChart.ratio(range.lowerBound)
    upper = RateRatioChart.ratio(range.upperBound)
    flags = report.flags.map(\.text)
    hasFlags = !flags.isEmpty
    flagCount = flags.count
    chart = hasFields ? Self.chart(report, range: range).svg : ""
    scored = report.scored
    outcomes = report.outcomes.map { outcome in
      Outcome(
        label: outcome.label, selected: outcome.selected,
        rows: outcome.dimensions.flatMap { dimension in
          dimension.groups.map { group in
            Row(
              field: dimension.field, group: group.group,
              people: group.population.description, selected: group.selected.description,
              rate: group.rate.map { FairnessReport.percent($0) } ?? "",
              index: group.rateRatio.map(RateRatioChart.ratio) ?? "",
              interval: group.lower.flatMap { l in
                group.upper.map { "\(RateRatioChart.ratio(l))–\(RateRatioChart.ratio($0))" }
              } ?? "",
              flag: group.flagged ? "flagged" : "")
          }
        })
    }
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
}

extension FairnessView {
  /// The section as HTML, for the pages that are not built from templates yet (the pack's
  /// public record, the impact report).
  var html: String { ReportTemplates.render(self, "report-fairness") }
}
