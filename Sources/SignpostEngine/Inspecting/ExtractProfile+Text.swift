import Foundation
import SignpostSource

extension FileProfile {
  /// The profile as a person reads it on a terminal.
  public var text: String {
    let key = keyColumn == idSystem ? keyColumn : "\(keyColumn) (\(idSystem))"
    var lines = [
      "\(path) — source \(source), \(format.uppercased()), \(content), keyed by \(key): \(rows) rows, \(rowsRejected) rejected (\(Self.percent(rejectRate)))"
        + (rowsSkipped > 0 ? ", \(rowsSkipped) left to other tables by where:" : "")
    ]
    if let matchRate {
      lines.append(
        "  linkage: \(rows - rowsUnmatched) of \(rows) rows matched (\(Self.percent(matchRate))), \(rowsUnmatched) unmatched"
          + (rowsUnmatched > 0
            ? " (no link \(unmatched.noLink), below the minimum score \(unmatched.belowMinimum), ambiguous \(unmatched.ambiguous))"
            : ""))
    }
    if caseMismatches > 0 {
      lines.append(
        "  HINT: \(caseMismatches) unmatched \(keyColumn) ids are in the linkage in another case: do the systems spell ids in different cases?"
      )
    }
    for warning in warnings { lines.append("  warning: \(warning)") }
    for reject in firstRejects {
      lines.append(
        "  rejected: line \(reject.line): " + (reject.field.map { "\($0): " } ?? "") + reject.reason
      )
    }
    if rowsRejected > firstRejects.count, !firstRejects.isEmpty {
      lines.append(
        "  rejected: … \(rowsRejected - firstRejects.count) more (rejects.csv when scoring)")
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
      if let (at, values) = column.codeList, let first = column.invalid.first {
        lines.append(
          "    to read '\(first.value)', add a code under \(at) in schema.yaml:  \(Self.yamlKey(first.value)): <one of \(values.joined(separator: ", "))>"
        )
      }
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
      ("key_column", JSONText.string(keyColumn)),
      ("rows_rejected", String(rowsRejected)), ("rows_unmatched", String(rowsUnmatched)),
      (
        "unmatched",
        JSONText.object([
          ("no_link", String(unmatched.noLink)), ("below_minimum", String(unmatched.belowMinimum)),
          ("ambiguous", String(unmatched.ambiguous)),
        ])
      ),
      ("rows_skipped", String(rowsSkipped)), ("case_mismatches", String(caseMismatches)),
      ("warnings", JSONText.array(warnings)),
      (
        "first_rejects",
        "["
          + firstRejects.map {
            JSONText.object([
              ("line", String($0.line)), ("field", $0.field.map(JSONText.string) ?? "null"),
              ("reason", JSONText.string($0.reason)),
            ])
          }.joined(separator: ",") + "]"
      ),
      ("match_rate", matchRate.map { String(format: "%.4f", $0) } ?? "null"),
      ("missing_columns", JSONText.array(missingColumns)),
      ("unmapped_columns", JSONText.array(unmappedColumns)),
      ("columns", "[" + columnsJSON.joined(separator: ",") + "]"),
    ])
  }

  /// A code as a YAML key: quoted unless it is plain letters, digits and `_`.
  static func yamlKey(_ code: String) -> String {
    code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } && !code.isEmpty
      ? code : "\"" + code.replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  static func percent(_ rate: Double) -> String {
    String(format: "%.1f%%", rate * 100)
  }
}
