/// Measures disproportionality: who each outcome selects, by group, against the scored
/// population.
public enum Disproportionality {
  /// The report for `outcomes` over `groupings`, flagging indices outside `range` whose
  /// interval excludes 1. A grouping's populations are suppressed once, for all its tables.
  public static func measure(
    groupings: [Grouping], outcomes: [OutcomeDivision], range: ClosedRange<Double>
  ) -> FairnessReport {
    measure(
      counts: groupings.map { DimensionCounts($0, outcomes: outcomes) },
      outcomes: outcomes.map(\.outcome), range: range)
  }

  /// The report for `outcomes` from each grouping's counts of them (`counts[d].tables[o]` is
  /// grouping `d` by outcome `o`), flagging as ``measure(groupings:outcomes:range:)`` does.
  public static func measure(
    counts: [DimensionCounts], outcomes: [OutcomeCategories], range: ClosedRange<Double>
  ) -> FairnessReport {
    guard let first = counts.first else {
      return FairnessReport(
        minimumCount: CellSuppression.threshold,
        rateRatioRange: [range.lowerBound, range.upperBound], scored: 0, outcomes: [], flags: [])
    }
    let scored = first.total
    var reported: [FairnessReport.Outcome] = []
    var flags: [FairnessReport.Flag] = []
    let published = counts.map { CellSuppression.rowTotals($0.populations) }
    let tables = DimensionCounts.suppressed(counts, rowTotals: published)
    for (o, outcome) in outcomes.enumerated() {
      let suppressed = counts.indices.map { tables[$0][o] }
      for c in outcome.reported {
        let selectedTotal = suppressed.first?.table.columnTotals[c] ?? 0
        var dimensions: [FairnessReport.Dimension] = []
        for (dimension, table) in zip(counts, suppressed) {
          let groups = dimension.groups.indices.map { r in
            group(
              r, column: c, in: table, scored: scored, selectedTotal: selectedTotal, range: range)
          }
          for g in groups where g.flagged {
            if let ratio = g.rateRatio, let lower = g.lower, let upper = g.upper {
              flags.append(
                .init(
                  outcome: outcome.label(c), field: dimension.field, group: g.group,
                  rateRatio: ratio, lower: lower, upper: upper))
            }
          }
          dimensions.append(.init(field: dimension.field, role: dimension.role, groups: groups))
        }
        reported.append(
          .init(
            kind: outcome.kind, id: outcome.id, category: outcome.categories[c],
            selected: selectedTotal,
            rate: scored > 0 ? MeasureJSON.rounded(Double(selectedTotal) / Double(scored), 4) : 0,
            dimensions: dimensions))
      }
    }
    return FairnessReport(
      minimumCount: CellSuppression.threshold,
      rateRatioRange: [range.lowerBound, range.upperBound], scored: scored, outcomes: reported,
      flags: flags)
  }

  /// One group's figures in one column of a suppressed table.
  private static func group(
    _ r: Int, column c: Int, in table: CellSuppression, scored: Int, selectedTotal: Int,
    range: ClosedRange<Double>
  ) -> FairnessReport.Group {
    let population = table.rowTotals[r]
    let selected = table.cells[r][c]
    var result = FairnessReport.Group(
      group: table.table.rows[r], population: population, selected: selected, rate: nil,
      rateRatio: nil, lower: nil, upper: nil, flagged: false)
    guard let n = population.value, let k = selected.value, n > 0 else { return result }
    result.rate = MeasureJSON.rounded(Double(k) / Double(n), 4)
    guard
      let ratio = RateRatio(
        selected: k, population: n, otherSelected: selectedTotal - k,
        otherPopulation: scored - n)
    else { return result }
    result.rateRatio = MeasureJSON.rounded(ratio.value, 3)
    result.lower = MeasureJSON.rounded(ratio.lower, 3)
    result.upper = MeasureJSON.rounded(ratio.upper, 3)
    result.flagged = ratio.isFlagged(outside: range)
    return result
  }
}
