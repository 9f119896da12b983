import SignpostSource

extension ProblemProfile {
  /// The profile for a terminal: a table per dimension, a column per measure.
  public var text: String {
    var out = """
      scored: \(scored); counts of 1 to \(minimumCount - 1) shown as <\(minimumCount), and \
      c where a count is withheld so that a small one cannot be worked out by subtraction

      """
    if dimensions.isEmpty { return out + "the pack names no profile fields (fairness.yaml)\n" }
    for dimension in dimensions {
      out += "\nby \(dimension.field)\n"
      // `indicator x: fired` is shortened to `x`; the bands keep their word.
      let names = dimension.measures.map {
        $0.replacing("indicator ", with: "").replacing(": fired", with: "")
      }
      var table = TextTable(header: [dimension.field, "people"] + names)
      for row in dimension.rows {
        table.rows.append(
          [row.group, row.population.description] + row.counts.map(\.description))
      }
      out += table.text
    }
    return out
  }

  /// The profile as CSV: one row per dimension and group, a column per measure (the
  /// measures of every dimension are the same).
  public var csv: String {
    let measures = dimensions.first?.measures ?? []
    var lines = [
      (["field", "group", "people"] + measures).map { CSVText.field($0, safe: true) }.joined(
        separator: ",")
    ]
    for dimension in dimensions {
      for row in dimension.rows {
        lines.append(
          ([dimension.field, row.group, row.population.description]
            + row.counts.map(\.description)).map { CSVText.field($0, safe: true) }.joined(
              separator: ","))
      }
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }
}
