import SignpostEngine

/// The run report's bar charts, drawn from its content.
enum ReportCharts {
  static func bands(_ content: ReportContent) -> BarChart {
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

  static func referrals(_ content: ReportContent) -> BarChart {
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

  static func changes(_ content: ReportContent) -> BarChart {
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

  static func indicators(_ content: ReportContent) -> BarChart {
    BarChart(
      id: "indicators", title: "Most frequent indicators",
      bars: content.indicators.prefix(10).map { BarChart.Bar($0.id, $0.fired, style: "indicator") }
    )
  }
}
