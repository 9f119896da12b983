/// A plain-text table with columns padded to their widest cell: text left-aligned, the rest
/// right-aligned.
public struct TextTable: Sendable {
  public var header: [String]
  public var rows: [[String]] = []
  /// Which columns are text (left-aligned).
  public var textColumns: Set<Int> = [0]

  public init(header: [String], rows: [[String]] = [], textColumns: Set<Int> = [0]) {
    self.header = header
    self.rows = rows
    self.textColumns = textColumns
  }

  /// The table, each line indented by two spaces.
  public var text: String {
    let widths = header.indices.map { c in
      ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { c, cell in
        let padding = String(repeating: " ", count: widths[c] - cell.count)
        return textColumns.contains(c) ? cell + padding : padding + cell
      }.joined(separator: "  ").replacing(/\s+$/, with: "")
    }
    return ([line(header)] + rows.map(line)).map { "  " + $0 }.joined(separator: "\n") + "\n"
  }
}
