/// Counts of people by group (rows) and by category of an outcome (columns), where the
/// categories divide each group: every person of a row is in exactly one column.
public struct CountTable: Sendable {
  public let rows: [String]
  public let columns: [String]
  /// `cells[row][column]`.
  public let cells: [[Int]]

  public init(rows: [String], columns: [String], cells: [[Int]]) {
    precondition(cells.count == rows.count && cells.allSatisfy { $0.count == columns.count })
    self.rows = rows
    self.columns = columns
    self.cells = cells
  }

  /// Counts people by their group and category; `group[p]` and `category[p]` index `rows`
  /// and `columns`, and a person whose group is negative is left out.
  public init(rows: [String], columns: [String], group: [Int], category: [Int]) {
    var cells = [[Int]](
      repeating: [Int](repeating: 0, count: columns.count), count: rows.count)
    for (g, c) in zip(group, category) where g >= 0 { cells[g][c] += 1 }
    self.init(rows: rows, columns: columns, cells: cells)
  }

  /// The population of each group.
  public var rowTotals: [Int] { cells.map { $0.reduce(0, +) } }

  /// The people in each category, over every group.
  public var columnTotals: [Int] {
    columns.indices.map { c in cells.reduce(0) { $0 + $1[c] } }
  }

  /// Everyone counted.
  public var total: Int { cells.reduce(0) { $0 + $1.reduce(0, +) } }
}
