extension RecordDocument {
  /// The document as one self-contained HTML page (inline CSS and SVG, no scripts).
  var html: String {
    var out =
      HTMLPage.opening(
        title: title,
        extraStyle: """

          main{max-width:1200px}nav ul{columns:2;padding-left:18px}td{overflow-wrap:anywhere}
          td code{white-space:pre-wrap}
          """) + """
        <main>
        <h1>\(HTMLText.escape(title))</h1>

        """
    let anchors = blocks.compactMap { block -> (String, String)? in
      if case .heading(2, let text, let anchor?) = block { return (anchor, text) }
      return nil
    }
    out +=
      "<nav><ul>"
      + anchors.map { "<li><a href=\"#\($0.0)\">\(Self.inline($0.1))</a></li>" }.joined()
      + "</ul></nav>\n"
    for block in blocks {
      switch block {
      case .heading(let level, let text, let anchor):
        let id = anchor.map { " id=\"\(HTMLText.escape($0))\"" } ?? ""
        out += "<h\(level)\(id)>\(Self.inline(text))</h\(level)>\n"
      case .paragraph(let text): out += "<p>\(Self.inline(text))</p>\n"
      case .list(let items):
        out += "<ul>" + items.map { "<li>\(Self.inline($0))</li>" }.joined() + "</ul>\n"
      case .table(let header, let rows):
        out +=
          "<table><thead><tr>" + header.map { "<th>\(Self.inline($0))</th>" }.joined()
          + "</tr></thead><tbody>\n"
          + rows.map { "<tr>" + $0.map { "<td>\(Self.inline($0))</td>" }.joined() + "</tr>\n" }
          .joined() + "</tbody></table>\n"
      case .facts(let pairs):
        out +=
          "<table><tbody>\n"
          + pairs.map { "<tr><th>\(Self.inline($0.0))</th><td>\(Self.inline($0.1))</td></tr>\n" }
          .joined() + "</tbody></table>\n"
      case .rendered(_, let html): out += html
      }
    }
    return out + "</main></body>\n</html>\n"
  }

  /// Escaped text with `code` spans and **bold** made into elements.
  static func inline(_ text: String) -> String {
    HTMLText.escape(text)
      .replacing(/`([^`]*)`/) { "<code>\($0.1)</code>" }
      .replacing(/\*\*([^*]+)\*\*/) { "<strong>\($0.1)</strong>" }
  }
}
