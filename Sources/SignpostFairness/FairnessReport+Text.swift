import Foundation

extension FairnessReport {
  /// The report for a terminal: the flagged groups first, then each outcome's table.
  public var text: String {
    if outcomes.first?.dimensions.isEmpty ?? true {
      return "the pack names no protected or context fields (fairness.yaml)\n"
    }
    let low = rateRatioRange.first.map(Flag.ratio) ?? ""
    let high = rateRatioRange.last.map(Flag.ratio) ?? ""
    var out = """
      scored: \(scored); counts of 1 to \(minimumCount - 1) shown as <\(minimumCount), and \
      c where a count is withheld so that a small one cannot be worked out by subtraction
      index: a group's rate against the rate of everyone else scored, with its 95% interval; \
      ! flagged (outside \(low)-\(high) and the interval excludes 1)

      """
    out += flags.isEmpty ? "flagged: none\n" : "flagged: \(flags.count)\n"
    for flag in flags { out += "  \(flag.text)\n" }
    for outcome in outcomes {
      out +=
        "\n\(outcome.label): \(outcome.selected) of \(scored) (\(Self.percent(outcome.rate)))\n"
      var table = TextTable(
        header: ["field", "group", "people", "selected", "rate", "index", "95% interval", ""],
        textColumns: [0, 1, 7])
      for dimension in outcome.dimensions {
        for group in dimension.groups {
          table.rows.append([
            dimension.field, group.group, group.population.description,
            group.selected.description, group.rate.map(Self.percent) ?? "",
            group.rateRatio.map(Flag.ratio) ?? "",
            group.lower.flatMap { l in group.upper.map { "\(Flag.ratio(l))-\(Flag.ratio($0))" } }
              ?? "",
            group.flagged ? "!" : "",
          ])
        }
      }
      out += table.text
    }
    return out
  }

  /// `12.3%`.
  public static func percent(_ rate: Double) -> String { String(format: "%.1f%%", rate * 100) }
}
