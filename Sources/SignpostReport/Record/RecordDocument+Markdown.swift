extension RecordDocument {
  /// The document as GitHub-flavoured Markdown.
  var markdown: String {
    var out = "# \(title)\n"
    for block in blocks {
      out += "\n"
      switch block {
      case .heading(let level, let text, _):
        out += String(repeating: "#", count: level) + " " + text + "\n"
      case .paragraph(let text): out += text + "\n"
      case .list(let items): out += items.map { "- " + $0 + "\n" }.joined()
      case .table(let header, let rows):
        out += Self.row(header) + Self.row(header.map { _ in "---" }) + rows.map(Self.row).joined()
      case .facts(let pairs):
        out +=
          Self.row(["", ""]) + Self.row(["---", "---"])
          + pairs.map { Self.row(["**\($0.0)**", $0.1]) }.joined()
      case .rendered(let markdown, _): out += markdown
      }
    }
    return out
  }

  /// A table row; pipes and line breaks inside cells are escaped.
  static func row(_ cells: [String]) -> String {
    "| "
      + cells.map { $0.replacing("|", with: "\\|").replacing("\n", with: " ") }
      .joined(separator: " | ") + " |\n"
  }
}
