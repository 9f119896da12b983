import Foundation

extension FileProfile {
  /// The profile as a person reads it on a terminal.
  public var text: String {
    var lines = [
      "\(path) — source \(source), \(format.uppercased()), \(content), keyed by \(idSystem): \(rows) rows, \(rowsRejected) rejected"
    ]
    if let matchRate {
      lines.append(
        "  linkage: \(rows - rowsUnmatched) of \(rows) rows matched (\(Self.percent(matchRate))), \(rowsUnmatched) unmatched"
      )
    }
    if !missingColumns.isEmpty {
      lines.append("  MISSING mapped columns: \(missingColumns.joined(separator: ", "))")
    }
    if !unmappedColumns.isEmpty {
      lines.append("  columns not mapped (ignored): \(unmappedColumns.joined(separator: ", "))")
    }
    for column in columns {
      var line =
        "  \(column.field.padding(toLength: 24, withPad: " ", startingAt: 0)) "
        + "\(column.column == column.field ? "" : "(\(column.column)) ")"
        + "nulls \(Self.percent(column.nullRate))"
      if column.invalidCount > 0 {
        let shown = column.invalid.prefix(5).map { "'\($0.value)' ×\($0.count)" }
        line += "; \(column.invalidCount) \(column.problem): " + shown.joined(separator: ", ")
        if column.invalid.count > 5 { line += ", …" }
      }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  /// The profile as JSON.
  public var json: String {
    let columnsJSON = columns.map { column in
      JSONText.object([
        ("field", JSONText.string(column.field)), ("column", JSONText.string(column.column)),
        ("type", JSONText.string(column.type)), ("values", String(column.values)),
        ("nulls", String(column.nulls)), ("null_rate", String(format: "%.4f", column.nullRate)),
        ("problem", JSONText.string(column.problem)),
        (
          "invalid",
          "["
            + column.invalid.map {
              JSONText.object([("value", JSONText.string($0.value)), ("count", String($0.count))])
            }.joined(separator: ",") + "]"
        ),
      ])
    }
    return JSONText.object([
      ("path", JSONText.string(path)), ("source", JSONText.string(source)),
      ("format", JSONText.string(format)), ("content", JSONText.string(content)),
      ("id_system", JSONText.string(idSystem)), ("rows", String(rows)),
      ("rows_rejected", String(rowsRejected)), ("rows_unmatched", String(rowsUnmatched)),
      ("match_rate", matchRate.map { String(format: "%.4f", $0) } ?? "null"),
      ("missing_columns", JSONText.array(missingColumns)),
      ("unmapped_columns", JSONText.array(unmappedColumns)),
      ("columns", "[" + columnsJSON.joined(separator: ",") + "]"),
    ])
  }

  static func percent(_ rate: Double) -> String {
    String(format: "%.1f%%", rate * 100)
  }
}
