import SignpostFairness

/// What someone could work out from a published table by subtraction alone: any row (with a
/// published total) or column with one unknown count gives it away, and so, repeatedly, until
/// nothing more falls out. Row totals are attacked through the grand total the same way.
/// Written independently of the suppression code, as the attacker would.
struct SubtractionAttack {
  /// The counts recovered, `nil` where still unknown.
  private(set) var cells: [[Int?]]
  private(set) var rowTotals: [Int?]

  init(_ published: CellSuppression) {
    let table = published.table
    cells = published.cells.map { $0.map(\.value) }
    rowTotals = published.rowTotals.map(\.value)
    let columnTotals = table.columnTotals
    let grandTotal = table.total
    var progress = true
    while progress {
      progress = false
      // The populations add up to the grand total.
      if rowTotals.filter({ $0 == nil }).count == 1, let r = rowTotals.firstIndex(of: nil) {
        rowTotals[r] = grandTotal - rowTotals.compactMap { $0 }.reduce(0, +)
        progress = true
      }
      for r in cells.indices {
        // A row whose every count is known gives its total.
        if rowTotals[r] == nil, cells[r].allSatisfy({ $0 != nil }) {
          rowTotals[r] = cells[r].compactMap { $0 }.reduce(0, +)
          progress = true
        }
        guard let total = rowTotals[r] else { continue }
        if cells[r].filter({ $0 == nil }).count == 1, let c = cells[r].firstIndex(of: nil) {
          cells[r][c] = total - cells[r].compactMap { $0 }.reduce(0, +)
          progress = true
        }
      }
      for c in table.columns.indices {
        let column = cells.map { $0[c] }
        if column.filter({ $0 == nil }).count == 1, let r = column.firstIndex(of: nil) {
          cells[r][c] = columnTotals[c] - column.compactMap { $0 }.reduce(0, +)
          progress = true
        }
      }
    }
  }

  /// The small counts (1 to 4) of `table` that the attack recovered.
  func smallCountsRevealed(in table: CountTable) -> [String] {
    var revealed: [String] = []
    for r in table.rows.indices {
      let total = table.rowTotals[r]
      if CellSuppression.isSmall(total), rowTotals[r] != nil {
        revealed.append("population of \(table.rows[r]) = \(total)")
      }
      for c in table.columns.indices
      where CellSuppression.isSmall(table.cells[r][c]) && cells[r][c] != nil {
        revealed.append("\(table.rows[r]) / \(table.columns[c]) = \(table.cells[r][c])")
      }
    }
    return revealed
  }
}
