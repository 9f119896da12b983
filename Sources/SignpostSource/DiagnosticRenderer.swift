/// Renders diagnostics the way compilers do: `path:line:column: error: message`, then the
/// source line and a caret under the spot.
public enum DiagnosticRenderer {
  /// Renders one diagnostic, with its source line and caret when the position is known.
  public static func render(_ diagnostic: Diagnostic) -> String {
    var out = "\(diagnostic.locationText): \(diagnostic.severity.rawValue): \(diagnostic.message)"
    if let file = diagnostic.file, let range = diagnostic.range,
      let line = file.line(range.start.line)
    {
      let text = line.replacingTabs()
      out += "\n" + text + "\n"
      let column = max(1, range.start.column)
      let width: Int
      if range.end.line == range.start.line, range.end.column > column {
        width = range.end.column - column
      } else {
        width = 1
      }
      out += String(repeating: " ", count: column - 1) + "^"
      if width > 1 { out += String(repeating: "~", count: width - 1) }
    }
    for note in diagnostic.notes {
      out += "\nnote: \(note)"
    }
    return out
  }

  /// Renders a list, sorted by position, capped at `limit` with an "N more" line.
  public static func render(_ diagnostics: [Diagnostic], limit: Int = 100) -> String {
    var bag = DiagnosticBag()
    bag.append(contentsOf: diagnostics)
    let sorted = bag.sorted
    var parts = sorted.prefix(limit).map(render)
    let errors = sorted.filter { $0.severity == .error }.count
    if sorted.count > limit {
      parts.append("\(sorted.count - limit) more diagnostics not shown")
    }
    parts.append("\(errors) error\(errors == 1 ? "" : "s") generated.")
    return parts.joined(separator: "\n")
  }

  /// A JSON array of the diagnostics, for `--format json` and HTTP.
  public static func renderJSON(_ diagnostics: [Diagnostic]) -> String {
    var bag = DiagnosticBag()
    bag.append(contentsOf: diagnostics)
    let items = bag.sorted.map { d -> String in
      var fields = [
        "\"id\":\(jsonString(d.id.rawValue))",
        "\"severity\":\(jsonString(d.severity.rawValue))",
        "\"message\":\(jsonString(d.message))",
      ]
      if let file = d.file { fields.append("\"file\":\(jsonString(file.path))") }
      if let range = d.range {
        fields.append("\"line\":\(range.start.line)")
        fields.append("\"column\":\(range.start.column)")
      }
      if !d.notes.isEmpty {
        fields.append("\"notes\":[\(d.notes.map(jsonString).joined(separator: ","))]")
      }
      return "{" + fields.joined(separator: ",") + "}"
    }
    return "[" + items.joined(separator: ",") + "]"
  }

  /// A JSON string literal for `value`.
  public static func jsonString(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let s where s.value < 0x20:
        out +=
          "\\u" + String(repeating: "0", count: 4 - String(s.value, radix: 16).count)
          + String(s.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

extension Substring {
  fileprivate func replacingTabs() -> String {
    String(self.map { $0 == "\t" ? " " : $0 })
  }
}
