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
    // One flat tally over plain buffers: this runs once per grouping and outcome over
    // everyone read, so it is the measures' only cost that grows with the population.
    let width = columns.count
    var flat = [Int](repeating: 0, count: rows.count * width)
    flat.withUnsafeMutableBufferPointer { tally in
      group.withUnsafeBufferPointer { groups in
        category.withUnsafeBufferPointer { categories in
          for p in 0..<min(groups.count, categories.count) where groups[p] >= 0 {
            tally[groups[p] * width + categories[p]] += 1
          }
        }
      }
    }
    self.init(
      rows: rows, columns: columns,
      cells: rows.indices.map { Array(flat[($0 * width)..<(($0 + 1) * width)]) })
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
