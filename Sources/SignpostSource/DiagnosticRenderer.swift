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
}

extension Substring {
  fileprivate func replacingTabs() -> String {
    String(self.map { $0 == "\t" ? " " : $0 })
  }
}
