/// A document as a list of blocks, rendered both as Markdown and as HTML so that the two
/// forms of the pack's public record say exactly the same. Text may hold `code` in backticks.
struct RecordDocument {
  enum Block {
    case heading(level: Int, text: String, anchor: String?)
    case paragraph(String)
    case list([String])
    /// A table; every row has as many cells as the header.
    case table(header: [String], rows: [[String]])
    /// A definition table of term and meaning pairs.
    case facts([(String, String)])
    /// Content with a form of its own in each rendering (the fairness section with its chart).
    case rendered(markdown: String, html: String)
  }

  var title: String
  var blocks: [Block] = []

  mutating func heading(_ level: Int, _ text: String, anchor: String? = nil) {
    blocks.append(.heading(level: level, text: text, anchor: anchor))
  }

  mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
}
